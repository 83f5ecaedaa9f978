using JinGong.Domain;
using Marten;

namespace JinGong.EventSourcing.Messaging;

/// <summary>A record a service keeps of other services' facts: when (business time) its last fact was noted.</summary>
public interface INotedRecord
{
    DateTimeOffset LastOccurredAt { get; }
}

/// <summary>The other service's event behind a noted fact, and the correlation id of the flow it was part of.</summary>
public sealed record NotedSource(Guid EventId, string? CorrelationId);

/// <summary>How a consumer notes another service's fact on a record of its own (OKR's sales, the knowledge base's deals and loans).</summary>
public static class RecordNotes
{
    /// <summary>
    /// Appends what <paramref name="note"/> makes of the record as it stands (nothing, when it makes nothing), at the
    /// version it was read at. The note's business time is when the fact happened, kept from going back before the
    /// record's previous event or beyond now (facts arrive in any order); its source is the event the consumer's session
    /// names as its cause (<see cref="IdempotentConsumer{TMessage}"/> sets it), with the flow's correlation id.
    /// </summary>
    public static Task NoteAsync<TRecord>(
        this IDocumentSession session, string recordId, DateTimeOffset factAt, DateTimeOffset now, Func<TRecord?, NotedSource, DateTimeOffset, object?> note,
        CancellationToken cancellationToken)
        where TRecord : class, INotedRecord
    {
        var source = new NotedSource(
            Guid.TryParse(session.CausationId, out var id) ? id : throw new InvalidOperationException("A noted fact names the event behind it."), session.CorrelationId);
        return session.AppendDecisionAsync<TRecord>(
            recordId,
            record => note(record, source, BusinessTime.Clamp(factAt, record?.LastOccurredAt, now)) is { } noted ? Decision.Accept(noted) : Decision.Accept(),
            cancellationToken);
    }
}
