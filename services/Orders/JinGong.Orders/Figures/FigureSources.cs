using JinGong.Domain.Time;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using Marten;

namespace JinGong.Orders.Figures;

/// <summary>
/// The dated facts of every order and opportunity, read off their live records (inline snapshots, rebuilt
/// from the events by Marten like any projection). Only the fields a figure needs leave the database, and only those
/// of <c>region</c> when one is given (a rep's or regional manager's figures are their region's).
/// </summary>
public static class FigureSources
{
    public static async Task<IReadOnlyList<InvoiceFact>> InvoicesAsync(IQuerySession session, string? region, CancellationToken cancellationToken)
    {
        var orders = await OrdersIn(session, region)
            .Where(order => order.Invoices.Any())
            .Select(order => new { order.Id, order.Region, order.Customer, order.SalesRep, order.CancelledAt, order.Invoices })
            .ToListAsync(cancellationToken);
        return [.. orders.SelectMany(order => order.Invoices.Select(invoice => new InvoiceFact(
            order.Id, invoice.InvoiceId, order.Region, order.Customer, order.SalesRep, invoice.Amount, invoice.IssueDate, invoice.DueDate,
            [.. invoice.Payments.Select(payment => new PaymentFact(payment.Amount, payment.PaidOn))],
            order.CancelledAt is { } cancelledAt ? ChinaTime.DateOf(cancelledAt) : null)))];
    }

    public static async Task<IReadOnlyList<OrderFact>> OrdersAsync(IQuerySession session, string? region, CancellationToken cancellationToken)
    {
        var orders = await OrdersIn(session, region)
            .Select(order => new { order.Id, order.Region, order.Customer, order.SalesRep, order.PlacedAt, order.CancelledAt, order.Lines })
            .ToListAsync(cancellationToken);
        return [.. orders.Select(order => new OrderFact(
            order.Id, order.Region, order.Customer, order.SalesRep, ChinaTime.DateOf(order.PlacedAt),
            order.CancelledAt is { } cancelledAt ? ChinaTime.DateOf(cancelledAt) : null,
            [.. order.Lines.Select(line => new OrderLineFact(line.Model, line.Quantity, line.UnitPrice))]))];
    }

    public static async Task<IReadOnlyList<OpportunityFact>> OpportunitiesAsync(IQuerySession session, string? region, CancellationToken cancellationToken)
    {
        var opportunities = region is null ? session.Query<Opportunity>() : session.Query<Opportunity>().Where(opportunity => opportunity.Region == region);
        var facts = await opportunities
            .Select(opportunity => new { opportunity.Id, opportunity.Region, opportunity.SalesRep, opportunity.ExpectedAmount, opportunity.Stages })
            .ToListAsync(cancellationToken);
        return [.. facts.Select(opportunity => new OpportunityFact(
            opportunity.Id, opportunity.Region, opportunity.SalesRep, opportunity.ExpectedAmount, opportunity.Stages))];
    }

    private static IQueryable<Order> OrdersIn(IQuerySession session, string? region) =>
        region is null ? session.Query<Order>() : session.Query<Order>().Where(order => order.Region == region);
}
