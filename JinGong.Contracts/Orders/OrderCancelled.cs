namespace JinGong.Contracts.Orders;

/// <summary>An order was cancelled before delivery: its reservations are to be released. Version 1.</summary>
public sealed record OrderCancelled(
    string OrderId, string Customer, string Region, string SalesRep, IReadOnlyList<OrderedModel> Lines,
    int Units, decimal Amount, string Currency, string Reason, DateTimeOffset OccurredAt);
