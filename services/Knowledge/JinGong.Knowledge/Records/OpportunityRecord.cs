using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.EventSourcing.Messaging;

namespace JinGong.Knowledge.Records;

/// <summary>Orders' opportunity was filed from the form, by a regional manager for <paramref name="SalesRep"/>.</summary>
public sealed record OpportunityFiledNoted(
    string RecordId, string OpportunityId, string Customer, string Region, string SalesRep, IReadOnlyList<string> Models, decimal ExpectedAmount,
    DateTimeOffset FiledAt, Guid SourceEventId, string? CorrelationId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>The open opportunity moved from stage <paramref name="From"/> to <paramref name="To"/>.</summary>
public sealed record OpportunityStageNoted(
    string RecordId, string OpportunityId, string From, string To, DateTimeOffset ChangedAt, Guid SourceEventId, string? CorrelationId, DateTimeOffset OccurredAt)
    : IRecordEvent;

/// <summary>Orders' opportunity was won or lost (lost: for <paramref name="Reason"/>).</summary>
public sealed record OpportunityClosingNoted(
    string RecordId, string OpportunityId, string Customer, string Region, IReadOnlyList<string> Models, bool Won, string? Reason, DateTimeOffset ClosedAt,
    Guid SourceEventId, DateTimeOffset OccurredAt, string? CorrelationId = null) : IRecordEvent;

/// <summary>The closed opportunity was opened again at <paramref name="Stage"/>, for <paramref name="Reason"/>.</summary>
public sealed record OpportunityReopenedNoted(
    string RecordId, string OpportunityId, string Stage, string Reason, DateTimeOffset ReopenedAt, Guid SourceEventId, string? CorrelationId, DateTimeOffset OccurredAt)
    : IRecordEvent;

/// <summary>
/// How an opportunity stood from <paramref name="At"/>: won, lost (for <paramref name="Reason"/>), or open again
/// (<paramref name="Won"/> null: reopened), with the event that said so.
/// </summary>
public sealed record OpportunityOutcome(bool? Won, string? Reason, DateTimeOffset At, Guid EventId);

/// <summary>
/// An opportunity [商机] as the knowledge base knows it from orders' events (stream <c>opportunity:{id}</c>), in whatever
/// order the bus brings them: who it is for, every step of it as a deal's timeline shows it, and every closing and
/// reopening, so that how it stood at any moment is known — what a trial turned into, and the objections the talk
/// tracks answer.
/// </summary>
public sealed record OpportunityRecord(
    [property: Identity] string Id, string OpportunityId, string? Customer, string? Region, IReadOnlyList<string> Models,
    IReadOnlyList<OpportunityOutcome> Outcomes, IReadOnlyList<DealStep> Steps, DateTimeOffset LastOccurredAt) : IEvolving<OpportunityRecord>, INotedRecord
{
    public static string IdOf(string opportunityId) => $"opportunity:{opportunityId}";

    public string? SalesRep { get; init; }

    /// <summary>When it last closed or reopened, kept apart for querying.</summary>
    public DateTimeOffset LastOutcomeAt { get; init; }

    /// <summary>How it stood at <paramref name="asOf"/>: its latest closing by then, unless reopened after it (none: open).</summary>
    public OpportunityOutcome? ClosingAsOf(DateTimeOffset asOf) =>
        Outcomes.Where(outcome => outcome.At <= asOf).OrderBy(outcome => outcome.At).LastOrDefault() is { Won: not null } closing ? closing : null;

    [JasperFxIgnore]
    public static OpportunityRecord? Evolve(OpportunityRecord? state, object @event)
    {
        var record = state ?? (@event is IRecordEvent first
            ? new OpportunityRecord(first.RecordId, OpportunityIdOf(@event), null, null, [], [], [], first.OccurredAt)
            : throw new UnknownEventException(typeof(OpportunityRecord), @event));
        // The same fact published again (a redelivery under another message id) is noted once.
        if (@event is IRecordEvent noted && record.Steps.Any(step => step.EventId == noted.SourceEventId))
        {
            return record with { LastOccurredAt = noted.OccurredAt };
        }

        return @event switch
        {
            OpportunityFiledNoted filed => record.Stepped(new(DealSteps.Filed, filed.FiledAt, "orders", $"{filed.Customer}: {string.Join(", ", filed.Models)}", null, null, filed.SourceEventId, filed.CorrelationId), filed.OccurredAt) with
            {
                Customer = filed.Customer, Region = filed.Region, Models = filed.Models, SalesRep = filed.SalesRep,
            },
            OpportunityStageNoted staged => record.Stepped(new(DealSteps.StageChanged, staged.ChangedAt, "orders", $"{staged.From} → {staged.To}", null, null, staged.SourceEventId, staged.CorrelationId), staged.OccurredAt),
            OpportunityClosingNoted closed => record.Stepped(
                new(closed.Won ? DealSteps.Won : DealSteps.Lost, closed.ClosedAt, "orders", closed.Reason, null, null, closed.SourceEventId, closed.CorrelationId), closed.OccurredAt) with
            {
                Customer = closed.Customer, Region = closed.Region, Models = closed.Models,
                Outcomes = [.. record.Outcomes, new OpportunityOutcome(closed.Won, closed.Reason, closed.ClosedAt, closed.SourceEventId)],
                LastOutcomeAt = Later(record.LastOutcomeAt, closed.ClosedAt),
            },
            OpportunityReopenedNoted reopened => record.Stepped(
                new(DealSteps.Reopened, reopened.ReopenedAt, "orders", $"{reopened.Stage}: {reopened.Reason}", null, null, reopened.SourceEventId, reopened.CorrelationId), reopened.OccurredAt) with
            {
                Outcomes = [.. record.Outcomes, new OpportunityOutcome(null, reopened.Reason, reopened.ReopenedAt, reopened.SourceEventId)],
                LastOutcomeAt = Later(record.LastOutcomeAt, reopened.ReopenedAt),
            },
            _ => throw new UnknownEventException(typeof(OpportunityRecord), @event),
        };
    }

    private OpportunityRecord Stepped(DealStep step, DateTimeOffset occurredAt) => this with { Steps = [.. Steps, step], LastOccurredAt = occurredAt };

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string OpportunityIdOf(object @event) => @event switch
    {
        OpportunityFiledNoted e => e.OpportunityId,
        OpportunityStageNoted e => e.OpportunityId,
        OpportunityClosingNoted e => e.OpportunityId,
        OpportunityReopenedNoted e => e.OpportunityId,
        _ => throw new UnknownEventException(typeof(OpportunityRecord), @event),
    };
}
