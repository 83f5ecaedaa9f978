using JasperFx.Events;
using JinGong.Domain;
using Marten;
using Marten.Events;

namespace JinGong.EventSourcing;

/// <summary>
/// Records as a service knew them at a moment of recording (<c>knownAt</c>): folded with their own
/// <see cref="IEvolving{TSelf}.Evolve"/> from the events appended by then (the events' own timestamps), so a fact recorded
/// later, however early its business date, is not in them. Now's records are the inline projections' documents; only a
/// past moment is folded here.
/// </summary>
public static class KnownRecords
{
    /// <summary>Every <typeparamref name="TState"/> as known at <paramref name="knownAt"/> (none for a stream not begun by then).</summary>
    /// <param name="events">The event types of its streams, as its <see cref="EvolvingProjection{TState}"/> is given them.</param>
    public static async Task<IReadOnlyList<TState>> AllAsync<TState>(
        IQuerySession session, DateTimeOffset knownAt, IReadOnlyList<Type> events, CancellationToken cancellationToken)
        where TState : class, IEvolving<TState>
    {
        var types = EventTypes.Concrete(events);
        var appended = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= knownAt && e.EventTypesAre(types))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return [.. appended.GroupBy(e => e.StreamKey!).Select(Fold<TState>).OfType<TState>()];
    }

    /// <summary>
    /// <paramref name="query"/> of the live <typeparamref name="TState"/> documents in the database, or, for a past
    /// <paramref name="knownAt"/>, of the records folded from the events appended by then, in memory: one query, so both
    /// answer alike.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> QueryAsync<TState, TResult>(
        IQuerySession session, DateTimeOffset? knownAt, IReadOnlyList<Type> events, Func<IQueryable<TState>, IQueryable<TResult>> query,
        CancellationToken cancellationToken)
        where TState : class, IEvolving<TState>
        where TResult : notnull =>
        knownAt is { } known
            ? [.. query((await AllAsync<TState>(session, known, events, cancellationToken)).AsQueryable())]
            : await query(session.Query<TState>()).ToListAsync(cancellationToken);

    /// <summary>One stream's <typeparamref name="TState"/> as known at <paramref name="knownAt"/>, or null when it had not begun by then.</summary>
    public static async Task<TState?> OfAsync<TState>(IQuerySession session, string streamKey, DateTimeOffset knownAt, CancellationToken cancellationToken)
        where TState : class, IEvolving<TState>
    {
        var appended = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == streamKey && e.Timestamp <= knownAt)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return Fold<TState>(appended);
    }

    // Archiving a stream is Marten's own event: the state stays as it was, as in the projection.
    private static TState? Fold<TState>(IEnumerable<IEvent> stream)
        where TState : class, IEvolving<TState> =>
        stream.Aggregate((TState?)null, (state, e) => e.Data is Archived ? state : TState.Evolve(state, e.Data));
}

/// <summary>Event types as Marten filters by them: concrete classes only.</summary>
public static class EventTypes
{
    /// <summary>The concrete event types of <paramref name="types"/>: an interface stands for every class of its assembly implementing it.</summary>
    public static Type[] Concrete(IEnumerable<Type> types) =>
        [.. types.SelectMany(type => type.IsInterface
            ? type.Assembly.GetTypes().Where(candidate => candidate is { IsClass: true, IsAbstract: false } && candidate.IsAssignableTo(type))
            : [type]).Distinct()];
}
