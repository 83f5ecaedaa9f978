using JasperFx.Events;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// A service's translation of its own domain events into the integration events of
/// <c>JinGong.Contracts</c>: the only place where the two meet.
/// </summary>
public interface IIntegrationEvents
{
    /// <summary>
    /// The integration events <paramref name="event"/> stands for: none when other services need not know,
    /// several when it answers several questions (e.g. "status changed" and "delivered").
    /// </summary>
    ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken);
}
