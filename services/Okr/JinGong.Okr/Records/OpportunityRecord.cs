using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Domain.Time;

namespace JinGong.Okr.Records;

/// <summary>An opportunity was won or lost (the latest closing counts when one is reopened and closed again).</summary>
public sealed record OpportunityClosingNoted(
    string RecordId, string OpportunityId, string Region, string SalesRep, IReadOnlyList<string> Models, bool Won, DateTimeOffset ClosedAt,
    Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>An opportunity as OKR knows it from orders' events (stream <c>opportunity:{id}</c>): how it closed.</summary>
public sealed record OpportunityRecord(
    [property: Identity] string Id, string OpportunityId, string Region, string SalesRep, IReadOnlyList<string> Models, bool Won,
    DateTimeOffset ClosedAt, Guid ClosedEventId, DateTimeOffset LastOccurredAt) : IBusinessRecord, IEvolving<OpportunityRecord>
{
    public static string IdOf(string opportunityId) => $"opportunity:{opportunityId}";

    public int FirstFactDay { get; init; }

    public int LastFactDay { get; init; }

    /// <summary>A later closing replaces an earlier one; one noted out of order (an older closing) changes nothing.</summary>
    [JasperFxIgnore]
    public static OpportunityRecord? Evolve(OpportunityRecord? state, object @event) => (state, @event) switch
    {
        (_, OpportunityClosingNoted noted) when state is not null && noted.ClosedAt < state.ClosedAt => state with { LastOccurredAt = noted.OccurredAt },
        (_, OpportunityClosingNoted noted) => Closed(noted),
        _ => throw new UnknownEventException(typeof(OpportunityRecord), @event),
    };

    private static OpportunityRecord Closed(OpportunityClosingNoted noted)
    {
        var closedDay = ChinaTime.DateOf(noted.ClosedAt).DayNumber;
        return new(noted.RecordId, noted.OpportunityId, noted.Region, noted.SalesRep, noted.Models, noted.Won, noted.ClosedAt, noted.SourceEventId, noted.OccurredAt)
        {
            FirstFactDay = closedDay,
            LastFactDay = closedDay,
        };
    }
}
