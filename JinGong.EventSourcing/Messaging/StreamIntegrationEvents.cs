using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// A translation that tells each event with what the stream knew just before it (an integration event
/// carries the fields consumers need, e.g. the region of the order a payment is for).
/// </summary>
public abstract class StreamIntegrationEvents(IServiceProvider services) : IIntegrationEvents
{
    // The store builds the subscription that uses this class: resolving the store in the constructor
    // would be a cycle, so it is looked up on first use.
    private IDocumentStore Store => field ??= services.GetRequiredService<IDocumentStore>();

    private readonly StreamStates states = new(capacity: 10_000);

    public abstract ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken);

    /// <summary>The stream's state just before <paramref name="event"/>, folded from its events since the last one read.</summary>
    protected Task<TState?> StateBeforeAsync<TState>(IEvent @event, CancellationToken cancellationToken)
        where TState : class =>
        states.AtAsync<TState>(@event.StreamKey!, @event.Version - 1, async (state, fromVersion) =>
        {
            await using var session = Store.QuerySession();
            return await session.Events.AggregateStreamAsync(@event.StreamKey!, version: @event.Version - 1, state: state, fromVersion: fromVersion, token: cancellationToken);
        });
}
