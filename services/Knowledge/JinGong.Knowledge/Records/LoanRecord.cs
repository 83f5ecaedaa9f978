using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.EventSourcing.Messaging;
using JinGong.Domain.Figures;

namespace JinGong.Knowledge.Records;

/// <summary>
/// What the knowledge base notes of other services' facts, each with the id of the event that published it
/// (<c>SourceEventId</c>, an event of dispatch, fleet or orders): the raw material trial figures are counted from, and
/// what each figure links to.
/// </summary>
public interface IRecordEvent
{
    string RecordId { get; }

    Guid SourceEventId { get; }

    /// <summary>Business time of the noting: when the fact happened, but never before the record's previous event.</summary>
    DateTimeOffset OccurredAt { get; }
}

/// <summary>Dispatch's loan opened: fleet lent the unit at <paramref name="OpenedAt"/>, as a trial for a working condition if <paramref name="ConditionId"/> names one.</summary>
public sealed record LoanOpeningNoted(
    string RecordId, string LoanId, string VehicleCode, string Model, string Region, string Borrower, string? ConditionId, string? OpportunityId,
    DateTimeOffset OpenedAt, Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>Fleet recorded a telematics batch of the unit while it was out on the loan: its meter from one reading to another.</summary>
public sealed record LoanUsageNoted(
    string RecordId, string LoanId, string BatchId, DateTimeOffset From, DateTimeOffset To, decimal OperatingHoursFrom, decimal OperatingHoursTo,
    Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>Dispatch's loan closed: fleet took the unit back at <paramref name="ClosedAt"/>.</summary>
public sealed record LoanClosingNoted(string RecordId, string LoanId, decimal HoursUsed, DateTimeOffset ClosedAt, Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>One telematics batch of a loan, with the event that published it.</summary>
public sealed record UsageFact(string BatchId, DateTimeOffset From, DateTimeOffset To, decimal HoursFrom, decimal HoursTo, Guid EventId);

/// <summary>How a loan opened, with the event that published it.</summary>
public sealed record LoanOpening(
    string VehicleCode, string Model, string Region, string Borrower, string? ConditionId, string? OpportunityId, DateTimeOffset OpenedAt, Guid EventId);

/// <summary>How a loan closed, with the event that published it.</summary>
public sealed record LoanClosing(decimal HoursUsed, DateTimeOffset ClosedAt, Guid EventId);

/// <summary>
/// A loan [外借] as the knowledge base knows it from dispatch's and fleet's events (stream <c>loan:{id}</c>), its facts
/// noted in whatever order the bus brings them: how it opened, the telematics of its unit while out, how it closed. A
/// loan whose opening names a working condition is a trial [试用] of it.
/// </summary>
public sealed record LoanRecord(
    [property: Identity] string Id, string LoanId, LoanOpening? Opening, LoanClosing? Closing, IReadOnlyList<UsageFact> Usage, DateTimeOffset LastOccurredAt)
    : IEvolving<LoanRecord>, INotedRecord
{
    public static string IdOf(string loanId) => $"loan:{loanId}";

    /// <summary>The working condition the loan is a trial for (none: not a trial, or its opening not noted yet), kept apart for querying.</summary>
    public string? ConditionId { get; init; }

    /// <summary>Whether the loan is known to try nothing: its usage need not be noted.</summary>
    public bool TriesNothing => Opening is { ConditionId: null };

    /// <summary>The meter readings of the loan's usage in time order: each batch's first and last.</summary>
    public IReadOnlyList<MeterReading> Readings() =>
        [.. Usage.SelectMany(batch => batch.From == batch.To
                ? new[] { new MeterReading(batch.From, batch.HoursFrom) }
                : [new MeterReading(batch.From, batch.HoursFrom), new MeterReading(batch.To, batch.HoursTo)])
            .OrderBy(reading => reading.At)];

    /// <summary>A batch noted again (a resent upload fleet published twice) changes nothing.</summary>
    [JasperFxIgnore]
    public static LoanRecord? Evolve(LoanRecord? state, object @event)
    {
        var record = state ?? (@event is IRecordEvent first ? new LoanRecord(first.RecordId, LoanIdOf(@event), null, null, [], first.OccurredAt) : null);
        return (record, @event) switch
        {
            (null, _) => throw new UnknownEventException(typeof(LoanRecord), @event),
            (_, LoanOpeningNoted opened) => record with
            {
                Opening = new(opened.VehicleCode, opened.Model, opened.Region, opened.Borrower, opened.ConditionId, opened.OpportunityId, opened.OpenedAt, opened.SourceEventId),
                ConditionId = opened.ConditionId,
                LastOccurredAt = opened.OccurredAt,
            },
            (_, LoanUsageNoted used) when record.Usage.Any(batch => batch.BatchId == used.BatchId) => record with { LastOccurredAt = used.OccurredAt },
            (_, LoanUsageNoted used) => record with
            {
                Usage = [.. record.Usage, new UsageFact(used.BatchId, used.From, used.To, used.OperatingHoursFrom, used.OperatingHoursTo, used.SourceEventId)],
                LastOccurredAt = used.OccurredAt,
            },
            (_, LoanClosingNoted closed) => record with { Closing = new(closed.HoursUsed, closed.ClosedAt, closed.SourceEventId), LastOccurredAt = closed.OccurredAt },
            _ => throw new UnknownEventException(typeof(LoanRecord), @event),
        };
    }

    private static string LoanIdOf(object @event) => @event switch
    {
        LoanOpeningNoted e => e.LoanId,
        LoanUsageNoted e => e.LoanId,
        LoanClosingNoted e => e.LoanId,
        _ => throw new UnknownEventException(typeof(LoanRecord), @event),
    };
}
