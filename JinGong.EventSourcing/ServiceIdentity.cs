using Microsoft.Extensions.Hosting;

namespace JinGong.EventSourcing;

/// <summary>
/// This service as an actor: what it causes on its own (from a bus message) names it as the user, and its
/// queues carry its name so that each service gets its own copy of an event.
/// </summary>
public sealed record ServiceIdentity(string Name)
{
    /// <summary>"JinGong.Fleet" → "fleet".</summary>
    public static ServiceIdentity Of(IHostEnvironment environment) =>
        new(environment.ApplicationName.Split('.')[^1].ToLowerInvariant());
}
