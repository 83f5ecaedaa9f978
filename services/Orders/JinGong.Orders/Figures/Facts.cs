
namespace JinGong.Orders.Figures;

// The dated facts every figure is computed from. Each is read off the live order and opportunity records,
// which keep the business date of everything that happened to them, so "as of D" is the same fold of
// the same facts with everything dated after D left out.

/// <summary>A payment received against an invoice, on the day the money arrived.</summary>
public sealed record PaymentFact(decimal Amount, DateOnly PaidOn);

/// <summary>An invoice with its payments; <paramref name="OrderCancelledOn"/> voids it from that day on.</summary>
public sealed record InvoiceFact(
    string OrderId,
    string InvoiceId,
    string Region,
    string Customer,
    string SalesRep,
    decimal Amount,
    DateOnly IssueDate,
    DateOnly DueDate,
    IReadOnlyList<PaymentFact> Payments,
    DateOnly? OrderCancelledOn);

public enum OpportunityStage
{
    Lead,
    Qualified,
    Proposal,
    Negotiation,
    Won,
    Lost,
}

/// <summary>The day an opportunity entered a stage.</summary>
public sealed record StageFact(OpportunityStage Stage, DateOnly On);

/// <summary>An opportunity with its stage history in order (the first entry is the day it was filed).</summary>
public sealed record OpportunityFact(
    string OpportunityId,
    string Region,
    string SalesRep,
    decimal ExpectedAmount,
    IReadOnlyList<StageFact> Stages);

public sealed record OrderLineFact(string Model, int Quantity, decimal UnitPrice);

/// <summary>An order placed on <paramref name="PlacedOn"/>; cancelled orders drop out of the trends from the day they are cancelled.</summary>
public sealed record OrderFact(
    string OrderId,
    string Region,
    string Customer,
    string SalesRep,
    DateOnly PlacedOn,
    DateOnly? CancelledOn,
    IReadOnlyList<OrderLineFact> Lines);

/// <summary>The dimension a figure is broken down by.</summary>
public enum FigureGrouping
{
    Total,
    Region,
    Customer,
    SalesRep,
}
