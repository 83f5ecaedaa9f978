namespace JinGong.Contracts.Orders;

/// <summary>The customer said no to an opportunity [商机], for <paramref name="Reason"/>. Version 1.</summary>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record OpportunityLost(
    string OpportunityId, string Customer, string Region, string SalesRep, IReadOnlyList<WantedModel> Models,
    decimal ExpectedAmount, string Currency, string Reason, DateTimeOffset OccurredAt, string? CustomerId = null);
