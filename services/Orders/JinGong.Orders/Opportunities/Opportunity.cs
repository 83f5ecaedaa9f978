using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.Orders.Figures;

namespace JinGong.Orders.Opportunities;

/// <summary>An event of an opportunity's life. OccurredAt is business time (UTC).</summary>
public interface IOpportunityEvent
{
    string OpportunityId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Units of one model the customer is after.</summary>
public sealed record OpportunityLine(string Model, int Quantity);

// The events of an opportunity [商机], in the domain's words.

/// <summary>
/// A regional manager filed the opportunity from the form; it starts as a lead. <paramref name="Customer"/> is the
/// customer's name when it was filed (version 1 had only the name: <see cref="EventSourcing.CustomerNamedOnly{T}"/>).
/// </summary>
public sealed record OpportunityFiled(
    string OpportunityId, string CustomerId, string Customer, string Region, string SalesRep, IReadOnlyList<OpportunityLine> Lines,
    decimal ExpectedAmount, DateOnly ExpectedCloseDate, DateTimeOffset OccurredAt) : IOpportunityEvent;

public sealed record OpportunityStageChanged(string OpportunityId, OpportunityStage From, OpportunityStage To, DateTimeOffset OccurredAt) : IOpportunityEvent;

public sealed record OpportunityWon(string OpportunityId, DateTimeOffset OccurredAt) : IOpportunityEvent;

public sealed record OpportunityLost(string OpportunityId, string Reason, DateTimeOffset OccurredAt) : IOpportunityEvent;

/// <summary>A closed opportunity opened again, at the stage it was closed from, for the reason given.</summary>
public sealed record OpportunityReopened(string OpportunityId, string Reason, OpportunityStage Stage, DateTimeOffset OccurredAt) : IOpportunityEvent;

/// <summary>An order was placed from the won opportunity: it can be ordered once.</summary>
public sealed record OpportunityOrdered(string OpportunityId, string OrderId, DateTimeOffset OccurredAt) : IOpportunityEvent;

/// <summary>An opportunity [商机] as its events tell it. Immutable: each event gives a new state.</summary>
public sealed record Opportunity(
    [property: Identity] string Id,
    string CustomerId,
    string Customer,
    string Region,
    string SalesRep,
    IReadOnlyList<OpportunityLine> Lines,
    decimal ExpectedAmount,
    DateOnly ExpectedCloseDate,
    OpportunityStage Stage,
    DateTimeOffset FiledAt,
    DateTimeOffset LastOccurredAt,
    IReadOnlyList<StageFact> Stages) : IEvolving<Opportunity>
{
    /// <summary>The open stage it was closed from: where a reopening takes it back to.</summary>
    public OpportunityStage? ClosedFrom { get; init; }

    public string? LostReason { get; init; }

    public string? OrderId { get; init; }

    public bool IsClosed => Stage is OpportunityStage.Won or OpportunityStage.Lost;

    /// <summary>The state after one more event (from nothing for the filing).</summary>
    [JasperFxIgnore]
    public static Opportunity? Evolve(Opportunity? state, object @event) => (state, @event) switch
    {
        (_, OpportunityFiled filed) =>
            new(filed.OpportunityId, filed.CustomerId, filed.Customer, filed.Region, filed.SalesRep, filed.Lines, filed.ExpectedAmount, filed.ExpectedCloseDate,
                OpportunityStage.Lead, filed.OccurredAt, filed.OccurredAt, [new StageFact(OpportunityStage.Lead, ChinaTime.DateOf(filed.OccurredAt))]),
        (null, IOpportunityEvent) => null,
        (_, OpportunityStageChanged changed) => state.EnterStage(changed.To, changed.OccurredAt),
        (_, OpportunityWon won) => state.EnterStage(OpportunityStage.Won, won.OccurredAt) with { ClosedFrom = state.Stage },
        (_, OpportunityLost lost) => state.EnterStage(OpportunityStage.Lost, lost.OccurredAt) with { ClosedFrom = state.Stage, LostReason = lost.Reason },
        (_, OpportunityReopened reopened) => state.EnterStage(reopened.Stage, reopened.OccurredAt) with { ClosedFrom = null, LostReason = null },
        (_, OpportunityOrdered ordered) => state with { OrderId = ordered.OrderId, LastOccurredAt = ordered.OccurredAt },
        _ => throw new UnknownEventException(typeof(Opportunity), @event),
    };

    private Opportunity EnterStage(OpportunityStage stage, DateTimeOffset occurredAt) =>
        this with { Stage = stage, LastOccurredAt = occurredAt, Stages = [.. Stages, new StageFact(stage, ChinaTime.DateOf(occurredAt))] };
}
