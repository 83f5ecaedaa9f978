using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Records;

/// <summary>Orders' opportunity was won or lost (lost: for <paramref name="Reason"/>); a reopened one may close again later.</summary>
public sealed record OpportunityClosingNoted(
    string RecordId, string OpportunityId, string Customer, string Region, IReadOnlyList<string> Models, bool Won, string? Reason, DateTimeOffset ClosedAt,
    Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>One closing of an opportunity, with the event that published it.</summary>
public sealed record OpportunityClosing(bool Won, string? Reason, DateTimeOffset ClosedAt, Guid EventId);

/// <summary>
/// An opportunity [商机] as the knowledge base knows it from orders' events (stream <c>opportunity:{id}</c>): every time
/// it closed, so that how it stood at any moment is known — what a trial turned into, and the objections the talk tracks
/// answer.
/// </summary>
public sealed record OpportunityRecord(
    [property: Identity] string Id, string OpportunityId, string Customer, string Region, IReadOnlyList<string> Models,
    IReadOnlyList<OpportunityClosing> Closings, DateTimeOffset LastOccurredAt) : IEvolving<OpportunityRecord>, IRecordState
{
    public static string IdOf(string opportunityId) => $"opportunity:{opportunityId}";

    /// <summary>When it last closed (any closing), kept apart for querying.</summary>
    public DateTimeOffset LastClosedAt { get; init; }

    /// <summary>How it stood at <paramref name="asOf"/>: its latest closing by then (none: open, or not closed yet).</summary>
    public OpportunityClosing? ClosingAsOf(DateTimeOffset asOf) =>
        Closings.Where(closing => closing.ClosedAt <= asOf).OrderBy(closing => closing.ClosedAt).LastOrDefault();

    [JasperFxIgnore]
    public static OpportunityRecord? Evolve(OpportunityRecord? state, object @event) => (state, @event) switch
    {
        // The same closing published again (a redelivery under another id) is noted once.
        (not null, OpportunityClosingNoted noted) when state.Closings.Any(closing => closing.EventId == noted.SourceEventId) => state with { LastOccurredAt = noted.OccurredAt },
        (_, OpportunityClosingNoted noted) => new OpportunityRecord(
            noted.RecordId, noted.OpportunityId, noted.Customer, noted.Region, noted.Models,
            [.. state?.Closings ?? [], new OpportunityClosing(noted.Won, noted.Reason, noted.ClosedAt, noted.SourceEventId)], noted.OccurredAt)
        {
            LastClosedAt = state is null || noted.ClosedAt > state.LastClosedAt ? noted.ClosedAt : state.LastClosedAt,
        },
        _ => throw new UnknownEventException(typeof(OpportunityRecord), @event),
    };
}
