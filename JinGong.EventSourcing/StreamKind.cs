using JinGong.Domain;
using JinGong.Http.Security;

namespace JinGong.EventSourcing;

/// <summary>
/// What the shared command handling and reads need to know of one kind of stream: its name in the domain's
/// words (<paramref name="Noun"/>, e.g. "Vehicle"), how its state evolves (from nothing, for its first
/// event), how clients see it, when each event occurred (business time), what "not found" says, and — for records
/// that belong to a region (<paramref name="RegionOf"/>) — which, so that reps and regional managers reach only theirs.
/// </summary>
public sealed record StreamKind<TState, TView>(
    string Noun,
    Func<string, DomainError> NotFound,
    Func<TState?, object, TState?> Evolve,
    Func<TState, long, TView> View,
    Func<object, DateTimeOffset> OccurredAt,
    Func<TState, string>? RegionOf = null)
    where TState : class
{
    /// <summary>Whether the caller of <paramref name="http"/> may read and change <paramref name="state"/> for its action (always, for records of no region).</summary>
    public bool Admits(Microsoft.AspNetCore.Http.HttpContext http, TState state) => RegionOf is null || http.MayActIn(RegionOf(state));
}
