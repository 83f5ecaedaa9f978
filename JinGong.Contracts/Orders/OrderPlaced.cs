namespace JinGong.Contracts.Orders;

/// <summary>Units of one model an order bought, at a unit price in the order's currency.</summary>
public sealed record OrderedModel(string Model, int Quantity, decimal UnitPrice);

/// <summary>An order [订单] was placed: what dispatch allocates vehicles for, and what OKRs count as sold. Version 1.</summary>
/// <param name="OpportunityId">The won opportunity it came from, if any.</param>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record OrderPlaced(
    string OrderId, string? OpportunityId, string Customer, string Region, string SalesRep, string DeliverySite,
    IReadOnlyList<OrderedModel> Lines, int Units, decimal Amount, string Currency, DateTimeOffset OccurredAt, string? CustomerId = null);
