using JasperFx.Events;
using JinGong.EventSourcing.Messaging;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using Published = JinGong.Contracts.Orders;

namespace JinGong.Orders.Integration;

/// <summary>
/// What orders tells the other services: opportunities filed, moved on, won, lost and reopened, orders placed and cancelled, invoices
/// issued and payments received, each with the region, sales rep, models, units and amounts that dispatch
/// and the OKRs need; and the catalogue's models listed (again, or under other names) and withdrawn, for the copies
/// other services keep. What fleet told orders (reserved, delivered) is not told again.
/// </summary>
public sealed class OrdersIntegrationEvents(IServiceProvider services) : StreamIntegrationEvents(services)
{
    public override async ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken) => @event.Data switch
    {
        OrderPlaced placed => [Placed(Order.Evolve(null, placed)!)],
        OrderCancelled or InvoiceIssued or PaymentReceived when await StateBeforeAsync<Order>(@event, cancellationToken) is { } order =>
            [FromOrder(order, @event.Data)],
        OpportunityFiled filed => [FromOpportunity(Opportunity.Evolve(null, filed)!, filed)],
        OpportunityStageChanged or OpportunityWon or OpportunityLost or OpportunityReopened when await StateBeforeAsync<Opportunity>(@event, cancellationToken) is { } opportunity =>
            [FromOpportunity(opportunity, @event.Data)],
        ModelListed or ModelListingChanged => [Listing(CatalogueModel.Evolve(await StateBeforeAsync<CatalogueModel>(@event, cancellationToken), @event.Data)!)],
        ModelWithdrawn withdrawn => [new Published.CatalogueModelWithdrawn(withdrawn.Model, withdrawn.Reason, withdrawn.OccurredAt)],
        _ => [],
    };

    /// <summary>A listed model as other services hear of it: as listed since its last listing or change.</summary>
    public static Published.CatalogueModelListed Listing(CatalogueModel model) =>
        new(model.Model, model.Category, model.Name, model.Names, model.LastOccurredAt);

    private static Published.OrderPlaced Placed(Order order) =>
        new(order.Id, order.OpportunityId, order.Customer, order.Region, order.SalesRep, order.DeliverySite, Lines(order),
            order.Units, order.Amount, order.Currency, order.PlacedAt, order.CustomerId);

    private static object FromOrder(Order order, object change) => change switch
    {
        OrderCancelled cancelled => new Published.OrderCancelled(
            order.Id, order.Customer, order.Region, order.SalesRep, Lines(order), order.Units, order.Amount, order.Currency, cancelled.Reason, cancelled.OccurredAt, order.CustomerId),
        InvoiceIssued issued => new Published.InvoiceIssued(
            order.Id, issued.InvoiceId, order.Customer, order.Region, order.SalesRep, issued.Amount, order.Currency, issued.IssueDate, issued.DueDate, issued.OccurredAt, order.CustomerId),
        PaymentReceived paid => new Published.PaymentReceived(
            order.Id, paid.InvoiceId, paid.PaymentId, order.Customer, order.Region, order.SalesRep, paid.Amount, order.Currency, paid.PaidOn, paid.OccurredAt, order.CustomerId),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not an order event other services hear of."),
    };

    private static object FromOpportunity(Opportunity opportunity, object change)
    {
        var models = opportunity.Lines.Select(line => new Published.WantedModel(line.Model, line.Quantity)).ToList();
        return change switch
        {
            OpportunityFiled filed => new Published.OpportunityFiled(
                opportunity.Id, opportunity.Customer, opportunity.Region, opportunity.SalesRep, models, opportunity.ExpectedAmount, OrderDecider.Currency,
                opportunity.ExpectedCloseDate, filed.OccurredAt, opportunity.CustomerId),
            OpportunityStageChanged changed => new Published.OpportunityStageChanged(
                opportunity.Id, opportunity.Region, Published.OpportunityStages.All.Require(changed.From.ToString()), Published.OpportunityStages.All.Require(changed.To.ToString()),
                changed.OccurredAt),
            OpportunityReopened reopened => new Published.OpportunityReopened(
                opportunity.Id, opportunity.Region, Published.OpportunityStages.All.Require(reopened.Stage.ToString()), reopened.Reason, reopened.OccurredAt),
            OpportunityWon won => new Published.OpportunityWon(
                opportunity.Id, opportunity.Customer, opportunity.Region, opportunity.SalesRep, models, opportunity.ExpectedAmount, OrderDecider.Currency, won.OccurredAt, opportunity.CustomerId),
            OpportunityLost lost => new Published.OpportunityLost(
                opportunity.Id, opportunity.Customer, opportunity.Region, opportunity.SalesRep, models, opportunity.ExpectedAmount, OrderDecider.Currency, lost.Reason, lost.OccurredAt, opportunity.CustomerId),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not an opportunity event other services hear of."),
        };
    }

    private static List<Published.OrderedModel> Lines(Order order) =>
        [.. order.Lines.Select(line => new Published.OrderedModel(line.Model, line.Quantity, line.UnitPrice))];
}
