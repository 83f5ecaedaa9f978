using JasperFx.Events;

namespace JinGong.ServiceDefaults.Messaging;

/// <summary>
/// A service's translation of its own domain events into the integration events of
/// <c>JinGong.Contracts</c>: the only place where the two meet.
/// </summary>
public interface IIntegrationEvents
{
    /// <summary>The integration event for <paramref name="event"/>, or null when other services need not know.</summary>
    object? From(IEvent @event);
}
