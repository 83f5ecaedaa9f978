using JasperFx.Events;
using JinGong.Domain;
using Marten.Events.Aggregation;

namespace JinGong.EventSourcing;

/// <summary>Keeps each stream's <typeparamref name="TState"/> document (named for it, keyed by stream) by folding with its <see cref="IEvolving{TSelf}.Evolve"/>.</summary>
public sealed class EvolvingProjection<TState> : SingleStreamProjection<TState, string>
    where TState : class, IEvolving<TState>
{
    /// <param name="events">
    /// The event types of <typeparamref name="TState"/>'s streams (an interface stands for every event type implementing it):
    /// streams of other types are left alone, and a rebuild reads only these events.
    /// </param>
    public EvolvingProjection(params Type[] events)
        : this(events, except: [])
    {
    }

    /// <param name="events">As above.</param>
    /// <param name="except">Event types of those streams that the state ignores, so the projection need not be given them.</param>
    public EvolvingProjection(Type[] events, Type[] except)
    {
        // Concrete types only: Marten narrows a rebuild's query by event type only when it is given no interface.
        Events = [.. EventTypes.Concrete(events).Except(except)];
        foreach (var type in Events)
        {
            IncludeType(type);
        }
    }

    /// <summary>The event types of <typeparamref name="TState"/>'s streams.</summary>
    public IReadOnlyList<Type> Events { get; }

    // Archiving a stream is Marten's own event (it moves the stream aside): the state stays as it was.
    public override TState? Evolve(TState? snapshot, string id, IEvent e) => e.Data is Archived ? snapshot : TState.Evolve(snapshot, e.Data);
}
