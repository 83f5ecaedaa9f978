using JinGong.Domain;

namespace JinGong.Testing;

/// <summary>Tests fold events with the aggregate's own <c>Evolve</c>, as Marten's projection and our reads do.</summary>
public static class Folding
{
    /// <summary>The state <paramref name="history"/> leaves (null before the stream's first event).</summary>
    public static TState? Fold<TState>(this IEnumerable<object> history)
        where TState : class, IEvolving<TState> =>
        history.Aggregate((TState?)null, TState.Evolve);

    /// <summary>The state after <paramref name="events"/>.</summary>
    public static TState After<TState>(this TState state, params object[] events)
        where TState : class, IEvolving<TState> =>
        events.Aggregate((TState?)state, TState.Evolve)!;
}
