namespace JinGong.Contracts.Orders;

/// <summary>The customer said no to an opportunity [商机], for <paramref name="Reason"/>. Version 1.</summary>
public sealed record OpportunityLost(
    string OpportunityId, string Customer, string Region, string SalesRep, IReadOnlyList<WantedModel> Models,
    decimal ExpectedAmount, string Currency, string Reason, DateTimeOffset OccurredAt);
