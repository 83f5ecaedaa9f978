using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Customers;

namespace JinGong.Orders.Orders;

/// <summary>What someone asks of an order, with its business time and the clock's reading.</summary>
public abstract record OrderCommand(string OrderId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>Place an order; <paramref name="Catalogue"/> holds the catalogue's records of the models its lines name.</summary>
public sealed record PlaceOrder(
    string OrderId, string? OpportunityId, CustomerOfRecord Customer, string Region, string SalesRep, string DeliverySite,
    IReadOnlyList<OrderLine> Lines, IReadOnlyDictionary<string, CatalogueModel> Catalogue, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OrderCommand(OrderId, OccurredAt, Now);

public sealed record CancelOrder(string OrderId, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OrderCommand(OrderId, OccurredAt, Now);

/// <summary>Issue an invoice; <paramref name="IssueDate"/> and <paramref name="DueDate"/> are China calendar dates.</summary>
public sealed record IssueInvoice(string OrderId, decimal Amount, DateOnly IssueDate, DateOnly DueDate, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OrderCommand(OrderId, OccurredAt, Now);

public sealed record RecordPayment(string OrderId, string InvoiceId, decimal Amount, DateOnly PaidOn, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OrderCommand(OrderId, OccurredAt, Now);

/// <summary>What fleet says happened to one of the order's vehicles: reserved, released or delivered.</summary>
public sealed record FollowVehicle(string OrderId, string VehicleCode, string Model, VehicleFact Fact, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OrderCommand(OrderId, OccurredAt, Now);

public enum VehicleFact
{
    Reserved,
    Released,
    Delivered,
}

/// <summary>
/// Every rule of an order's life: placed for models the catalogue lists; cancelled only before delivery; invoices
/// never beyond the order's amount; payments never beyond an invoice's balance, nor on a cancelled order.
/// </summary>
public static class OrderDecider
{
    public const string Currency = "CNY";

    public static Decision Decide(OrderCommand command, Order? state)
    {
        if (command is PlaceOrder place)
        {
            return state is not null ? Decision.Reject(new("order-already-placed", $"Order {place.OrderId} was placed already.", ErrorKind.Conflict))
                : place.OccurredAt > place.Now ? Decision.Reject(BusinessTime.OccurredInFuture(place.OccurredAt, place.Now))
                : CatalogueDecider.Unsold(place.Lines.Select(line => line.Model), place.Catalogue) is { } unsold ? Decision.Reject(unsold)
                : Decision.Accept(new OrderPlaced(
                    place.OrderId, place.OpportunityId, place.Customer.Id, place.Customer.Name, place.Region, place.SalesRep, place.DeliverySite, place.Lines, Currency, place.OccurredAt));
        }

        if (state is null)
        {
            return Decision.Reject(NotFound(command.OrderId));
        }

        if (command is FollowVehicle follow)
        {
            // Facts from fleet are recorded as they come (they happened), once each.
            return Follow(follow, state);
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"order {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        return command switch
        {
            _ when state.Status == OrderStatus.Cancelled => Decision.Reject(Cancelled(state, command)),
            CancelOrder when state.DeliveredVehicles.Count > 0 => Decision.Reject(new(
                "order-delivered", $"Order {state.Id} has {state.DeliveredVehicles.Count} vehicle(s) delivered; it can only be cancelled before delivery.", ErrorKind.Conflict)),
            CancelOrder cancel => Decision.Accept(new OrderCancelled(state.Id, cancel.Reason, cancel.OccurredAt)),
            IssueInvoice issue => Issue(issue, state),
            RecordPayment pay => Pay(pay, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on an order."),
        };
    }

    public static DomainError NotFound(string id) => new("order-not-found", $"There is no order {id}.", ErrorKind.NotFound);

    private static Decision Issue(IssueInvoice issue, Order state)
    {
        var placedOn = ChinaTime.DateOf(state.PlacedAt);
        if (issue.IssueDate < placedOn)
        {
            return Decision.Reject(new("invoice-before-order", $"The invoice date {issue.IssueDate:O} is before the order was placed ({placedOn:O}).", ErrorKind.Unprocessable));
        }

        if (issue.IssueDate > ChinaTime.DateOf(issue.Now))
        {
            return Decision.Reject(new("invoice-dated-in-future", $"The invoice date {issue.IssueDate:O} is later than today in China.", ErrorKind.Unprocessable));
        }

        if (issue.DueDate < issue.IssueDate)
        {
            return Decision.Reject(new("invoice-due-before-issue", $"The due date {issue.DueDate:O} is before the invoice date {issue.IssueDate:O}.", ErrorKind.Unprocessable));
        }

        var uninvoiced = state.Amount - state.Invoiced;
        if (issue.Amount > uninvoiced)
        {
            return Decision.Reject(new(
                "invoices-exceed-order-amount",
                $"Order {state.Id} amounts to {state.Amount:0.00} {state.Currency}, {state.Invoiced:0.00} invoiced already: at most {uninvoiced:0.00} more can be invoiced, not {issue.Amount:0.00}.",
                ErrorKind.Unprocessable));
        }

        return Decision.Accept(new InvoiceIssued(state.Id, $"{state.Id}-INV-{state.Invoices.Count + 1}", issue.Amount, issue.IssueDate, issue.DueDate, issue.OccurredAt));
    }

    private static Decision Pay(RecordPayment pay, Order state)
    {
        if (state.Invoices.SingleOrDefault(invoice => invoice.InvoiceId == pay.InvoiceId) is not { } invoice)
        {
            return Decision.Reject(new("invoice-not-found", $"Order {state.Id} has no invoice {pay.InvoiceId}.", ErrorKind.NotFound));
        }

        if (pay.PaidOn < invoice.IssueDate)
        {
            return Decision.Reject(new("payment-before-invoice", $"The payment date {pay.PaidOn:O} is before invoice {invoice.InvoiceId} was issued ({invoice.IssueDate:O}).", ErrorKind.Unprocessable));
        }

        if (pay.PaidOn > ChinaTime.DateOf(pay.Now))
        {
            return Decision.Reject(new("payment-dated-in-future", $"The payment date {pay.PaidOn:O} is later than today in China.", ErrorKind.Unprocessable));
        }

        if (pay.Amount > invoice.Balance)
        {
            return Decision.Reject(new(
                "payment-exceeds-invoice-balance",
                $"Invoice {invoice.InvoiceId} has {invoice.Balance:0.00} {state.Currency} left to pay, less than {pay.Amount:0.00}.",
                ErrorKind.Unprocessable));
        }

        return Decision.Accept(new PaymentReceived(state.Id, invoice.InvoiceId, $"{invoice.InvoiceId}-PAY-{invoice.Payments.Count + 1}", pay.Amount, pay.PaidOn, pay.OccurredAt));
    }

    private static Decision Follow(FollowVehicle follow, Order state) => follow.Fact switch
    {
        VehicleFact.Reserved when !state.ReservedVehicles.Contains(follow.VehicleCode) && !state.DeliveredVehicles.Contains(follow.VehicleCode) =>
            Decision.Accept(new OrderVehicleReserved(state.Id, follow.VehicleCode, follow.Model, follow.OccurredAt)),
        VehicleFact.Released when state.ReservedVehicles.Contains(follow.VehicleCode) =>
            Decision.Accept(new OrderVehicleReleased(state.Id, follow.VehicleCode, follow.OccurredAt)),
        VehicleFact.Delivered when !state.DeliveredVehicles.Contains(follow.VehicleCode) =>
            Decision.Accept(new OrderVehicleDelivered(state.Id, follow.VehicleCode, follow.Model, follow.OccurredAt)),
        _ => Decision.Accept(),
    };

    private static DomainError Cancelled(Order state, OrderCommand command) => new(
        "order-cancelled",
        $"Order {state.Id} was cancelled ({state.CancellationReason}); it takes no {new Word(command switch { IssueInvoice => "invoice", RecordPayment => "payment", _ => "further change" })}.",
        ErrorKind.Conflict);
}
