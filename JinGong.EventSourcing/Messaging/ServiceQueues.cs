using System.Collections.Concurrent;
using MassTransit;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// The queues this service's consumers read, as the bus made them ready (<c>orders-person-erased</c>...): where it parks
/// the messages it failed on (<c>_error</c>) or had no consumer for (<c>_skipped</c>).
/// </summary>
public sealed class ServiceQueues : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, byte> names = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => [.. names.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The queues that hold what this service parked, whether or not anything was.</summary>
    public IEnumerable<string> Parking => Names.SelectMany(name => new[] { $"{name}_error", $"{name}_skipped" });

    public Task Ready(ReceiveEndpointReady ready)
    {
        names.TryAdd(ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], 0);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
