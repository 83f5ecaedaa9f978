namespace JinGong.Contracts.Orders;

/// <summary>An order was cancelled before delivery: its reservations are to be released. Version 1.</summary>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record OrderCancelled(
    string OrderId, string Customer, string Region, string SalesRep, IReadOnlyList<OrderedModel> Lines,
    int Units, decimal Amount, string Currency, string Reason, DateTimeOffset OccurredAt, string? CustomerId = null);
