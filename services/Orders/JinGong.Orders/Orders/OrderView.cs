namespace JinGong.Orders.Orders;

/// <summary>An order as clients read it: its lines, its vehicles, its invoices and receivable, and the stream version it was read at.</summary>
public sealed record OrderView(
    string Id, string? OpportunityId, string CustomerId, string Customer, string Region, string SalesRep, string DeliverySite,
    IReadOnlyList<OrderLine> Lines, string Currency, int Units, decimal Amount, OrderStatus Status, DateTimeOffset PlacedAt,
    DateTimeOffset? CancelledAt, string? CancellationReason, IReadOnlyList<string> ReservedVehicles, IReadOnlyList<string> DeliveredVehicles,
    IReadOnlyList<Invoice> Invoices, decimal Invoiced, decimal Paid, decimal Receivable, long Version)
{
    public static OrderView From(Order order, long version) =>
        new(order.Id, order.OpportunityId, order.CustomerId, order.Customer, order.Region, order.SalesRep, order.DeliverySite,
            order.Lines, order.Currency, order.Units, order.Amount, order.Status, order.PlacedAt,
            order.CancelledAt, order.CancellationReason, order.ReservedVehicles, order.DeliveredVehicles,
            order.Invoices, order.Invoiced, order.Paid, order.Receivable, version);
}
