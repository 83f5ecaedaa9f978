using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using Marten;

namespace JinGong.Orders.Figures;

/// <summary>
/// The dated facts of every order and opportunity, read off their live records (inline snapshots, rebuilt
/// from the events by Marten like any projection). Only the fields a figure needs leave the database, and only those
/// of <c>region</c> when one is given (a rep's or regional manager's figures are their region's). With <c>knownAt</c>,
/// the records are those the events appended by then tell (<see cref="KnownRecords"/>), read by the same query in memory.
/// </summary>
public static class FigureSources
{
    public static async Task<IReadOnlyList<InvoiceFact>> InvoicesAsync(IQuerySession session, string? region, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var orders = await KnownRecords.QueryAsync<Order, InvoicedOrder>(session, knownAt, [typeof(IOrderEvent)], all => all
            .WhereGiven(region, order => order.Region == region)
            .Where(order => order.Invoices.Any())
            .Select(order => new InvoicedOrder(order.Id, order.Region, order.Customer, order.SalesRep, order.CancelledAt, order.Invoices)), cancellationToken);
        return [.. orders.SelectMany(order => order.Invoices.Select(invoice => new InvoiceFact(
            order.Id, invoice.InvoiceId, order.Region, order.Customer, order.SalesRep, invoice.Amount, invoice.IssueDate, invoice.DueDate,
            [.. invoice.Payments.Select(payment => new PaymentFact(payment.Amount, payment.PaidOn))],
            order.CancelledAt is { } cancelledAt ? ChinaTime.DateOf(cancelledAt) : null)))];
    }

    public static async Task<IReadOnlyList<OrderFact>> OrdersAsync(IQuerySession session, string? region, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var orders = await KnownRecords.QueryAsync<Order, PlacedOrder>(session, knownAt, [typeof(IOrderEvent)], all => all
            .WhereGiven(region, order => order.Region == region)
            .Select(order => new PlacedOrder(order.Id, order.Region, order.Customer, order.SalesRep, order.PlacedAt, order.CancelledAt, order.Lines)), cancellationToken);
        return [.. orders.Select(order => new OrderFact(
            order.Id, order.Region, order.Customer, order.SalesRep, ChinaTime.DateOf(order.PlacedAt),
            order.CancelledAt is { } cancelledAt ? ChinaTime.DateOf(cancelledAt) : null,
            [.. order.Lines.Select(line => new OrderLineFact(line.Model, line.Quantity, line.UnitPrice))]))];
    }

    public static Task<IReadOnlyList<OpportunityFact>> OpportunitiesAsync(IQuerySession session, string? region, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        KnownRecords.QueryAsync<Opportunity, OpportunityFact>(session, knownAt, [typeof(IOpportunityEvent)], all => all
            .WhereGiven(region, opportunity => opportunity.Region == region)
            .Select(opportunity => new OpportunityFact(opportunity.Id, opportunity.Region, opportunity.SalesRep, opportunity.ExpectedAmount, opportunity.Stages)), cancellationToken);

    private sealed record InvoicedOrder(string Id, string Region, string Customer, string SalesRep, DateTimeOffset? CancelledAt, IReadOnlyList<Invoice> Invoices);

    private sealed record PlacedOrder(string Id, string Region, string Customer, string SalesRep, DateTimeOffset PlacedAt, DateTimeOffset? CancelledAt, IReadOnlyList<OrderLine> Lines);
}
