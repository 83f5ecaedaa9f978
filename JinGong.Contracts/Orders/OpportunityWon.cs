namespace JinGong.Contracts.Orders;

/// <summary>Units of one model an opportunity was about.</summary>
public sealed record WantedModel(string Model, int Quantity);

/// <summary>The customer said yes to an opportunity [商机]. Version 1.</summary>
/// <param name="ExpectedAmount">What the opportunity was expected to bring, in <paramref name="Currency"/>.</param>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record OpportunityWon(
    string OpportunityId, string Customer, string Region, string SalesRep, IReadOnlyList<WantedModel> Models,
    decimal ExpectedAmount, string Currency, DateTimeOffset OccurredAt, string? CustomerId = null);
