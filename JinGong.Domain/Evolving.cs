namespace JinGong.Domain;

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

/// <summary>
/// A fold met an event type it has no arm for (an event added without its arm): thrown, never skipped, so no state is
/// silently left behind its stream.
/// </summary>
public sealed class UnknownEventException(Type state, object @event)
    : InvalidOperationException($"{state.Name} has no arm for the event {@event.GetType().Name}.");
