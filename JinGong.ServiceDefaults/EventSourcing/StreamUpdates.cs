using Marten;

namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>Load → decide → append for what a consumer learns about an existing stream (nothing to decide when the stream is not there).</summary>
public static class StreamUpdates
{
    /// <summary>
    /// Appends what <paramref name="decide"/> makes of the stream's state, at the version it was decided on (a
    /// concurrent change fails the save, and the message is retried). Returns the events, none when the stream does not exist.
    /// </summary>
    public static async Task<IReadOnlyList<object>> UpdateAsync<TState>(
        this IDocumentSession session, string streamId, Func<TState, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where TState : class
    {
        var stream = await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        if (stream.Aggregate is not { } state)
        {
            return [];
        }

        var events = decide(state);
        stream.AppendMany(events);
        return events;
    }
}
