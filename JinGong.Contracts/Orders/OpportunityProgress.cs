namespace JinGong.Contracts.Orders;

// How an open opportunity [商机] gets on, for the knowledge base's process documents that follow a deal from the form
// to the payment. Its closings are OpportunityWon and OpportunityLost. Version 1.

/// <summary>A regional manager filed the opportunity from the form: a lead, expected to close by <paramref name="ExpectedCloseDate"/>.</summary>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record OpportunityFiled(
    string OpportunityId, string Customer, string Region, string SalesRep, IReadOnlyList<WantedModel> Models,
    decimal ExpectedAmount, string Currency, DateOnly ExpectedCloseDate, DateTimeOffset OccurredAt, string? CustomerId = null);

/// <summary>An open opportunity moved from one stage to another (words of <see cref="OpportunityStages"/>).</summary>
public sealed record OpportunityStageChanged(string OpportunityId, string Region, string From, string To, DateTimeOffset OccurredAt);

/// <summary>A won or lost opportunity was opened again, at <paramref name="Stage"/>, for <paramref name="Reason"/>.</summary>
public sealed record OpportunityReopened(string OpportunityId, string Region, string Stage, string Reason, DateTimeOffset OccurredAt);

/// <summary>The stages of an open opportunity, in orders' words. A word once published keeps its spelling.</summary>
public static class OpportunityStages
{
    public const string Lead = "Lead";
    public const string Qualified = "Qualified";
    public const string Proposal = "Proposal";
    public const string Negotiation = "Negotiation";

    public static readonly Vocabulary All = new("OpportunityStage", Lead, Qualified, Proposal, Negotiation);
}
