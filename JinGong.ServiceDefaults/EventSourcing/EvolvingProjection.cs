using JasperFx.Events;
using Marten.Events.Aggregation;

namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>
/// A state folded from its stream by one pure function: Marten's projection and our own reads call the same one. Mark each
/// <c>Evolve</c> <c>[JasperFxIgnore]</c>: Marten's source generator would otherwise take it for its own convention, whose
/// signature differs, and fail the build.
/// </summary>
public interface IEvolving<TSelf>
    where TSelf : class, IEvolving<TSelf>
{
    /// <summary>The state after <paramref name="event"/>: from nothing for the stream's first event, null before it.</summary>
    static abstract TSelf? Evolve(TSelf? state, object @event);
}

/// <summary>Keeps each stream's <typeparamref name="TState"/> document (named for it, keyed by stream) by folding with its <see cref="IEvolving{TSelf}.Evolve"/>.</summary>
public sealed class EvolvingProjection<TState> : SingleStreamProjection<TState, string>
    where TState : class, IEvolving<TState>
{
    /// <param name="events">
    /// The event types of <typeparamref name="TState"/>'s streams (an interface stands for every event type implementing it):
    /// streams of other types are left alone, and a rebuild reads only these events.
    /// </param>
    public EvolvingProjection(params Type[] events)
    {
        // Concrete types only: Marten narrows a rebuild's query by event type only when it is given no interface.
        Events = [.. events.SelectMany(type => type.IsInterface
            ? type.Assembly.GetTypes().Where(candidate => candidate is { IsClass: true, IsAbstract: false } && candidate.IsAssignableTo(type))
            : [type])];
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

/// <summary>
/// A fold met an event type it has no arm for (an event added without its arm): thrown, never skipped, so no state is
/// silently left behind its stream.
/// </summary>
public sealed class UnknownEventException(Type state, object @event)
    : InvalidOperationException($"{state.Name} has no arm for the event {@event.GetType().Name}.");
