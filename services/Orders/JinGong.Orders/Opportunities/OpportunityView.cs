using JinGong.Orders.Figures;

namespace JinGong.Orders.Opportunities;

/// <summary>An opportunity as clients read it, with the stream version it was read at.</summary>
public sealed record OpportunityView(
    string Id, string CustomerId, string Customer, string Region, string SalesRep, IReadOnlyList<OpportunityLine> Lines, decimal ExpectedAmount,
    DateOnly ExpectedCloseDate, OpportunityStage Stage, DateTimeOffset FiledAt, string? LostReason, string? OrderId,
    IReadOnlyList<StageFact> Stages, long Version)
{
    public static OpportunityView From(Opportunity opportunity, long version) =>
        new(opportunity.Id, opportunity.CustomerId, opportunity.Customer, opportunity.Region, opportunity.SalesRep, opportunity.Lines, opportunity.ExpectedAmount,
            opportunity.ExpectedCloseDate, opportunity.Stage, opportunity.FiledAt, opportunity.LostReason, opportunity.OrderId,
            opportunity.Stages, version);
}
