using JasperFx;

namespace JinGong.Orders.Orders;

public enum OrderStatus
{
    Placed,
    PartlyDelivered,
    Delivered,
    Cancelled,
}

/// <summary>An event of an order's life. OccurredAt is business time (UTC).</summary>
public interface IOrderEvent
{
    string OrderId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Units of one model at one unit price (CNY).</summary>
public sealed record OrderLine(string Model, int Quantity, decimal UnitPrice)
{
    public decimal Amount => Quantity * UnitPrice;
}

// The events of an order [订单], its invoices and its payments [回款], in the domain's words.

public sealed record OrderPlaced(
    string OrderId, string? OpportunityId, string Customer, string Region, string SalesRep, string DeliverySite,
    IReadOnlyList<OrderLine> Lines, string Currency, DateTimeOffset OccurredAt) : IOrderEvent;

public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset OccurredAt) : IOrderEvent;

/// <summary>Fleet reserved a vehicle for the order (learned from fleet's events).</summary>
public sealed record OrderVehicleReserved(string OrderId, string VehicleCode, string Model, DateTimeOffset OccurredAt) : IOrderEvent;

/// <summary>Fleet released a vehicle it had reserved for the order.</summary>
public sealed record OrderVehicleReleased(string OrderId, string VehicleCode, DateTimeOffset OccurredAt) : IOrderEvent;

/// <summary>Fleet delivered a vehicle of the order to its customer.</summary>
public sealed record OrderVehicleDelivered(string OrderId, string VehicleCode, string Model, DateTimeOffset OccurredAt) : IOrderEvent;

public sealed record InvoiceIssued(string OrderId, string InvoiceId, decimal Amount, DateOnly IssueDate, DateOnly DueDate, DateTimeOffset OccurredAt) : IOrderEvent;

public sealed record PaymentReceived(string OrderId, string InvoiceId, string PaymentId, decimal Amount, DateOnly PaidOn, DateTimeOffset OccurredAt) : IOrderEvent;

public sealed record Payment(string PaymentId, decimal Amount, DateOnly PaidOn);

/// <summary>An invoice of the order and what has been paid against it.</summary>
public sealed record Invoice(string InvoiceId, decimal Amount, DateOnly IssueDate, DateOnly DueDate, IReadOnlyList<Payment> Payments)
{
    public decimal Paid => Payments.Sum(payment => payment.Amount);

    public decimal Balance => Amount - Paid;
}

/// <summary>
/// An order [订单] as its events tell it: what was sold, which vehicles fleet reserved and delivered for
/// it, what was invoiced and what was paid. Immutable: each event gives a new state.
/// </summary>
public sealed record Order(
    [property: Identity] string Id,
    string? OpportunityId,
    string Customer,
    string Region,
    string SalesRep,
    string DeliverySite,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset LastOccurredAt)
{
    public DateTimeOffset? CancelledAt { get; init; }

    public string? CancellationReason { get; init; }

    public IReadOnlyList<string> ReservedVehicles { get; init; } = [];

    public IReadOnlyList<string> DeliveredVehicles { get; init; } = [];

    public IReadOnlyList<Invoice> Invoices { get; init; } = [];

    public int Units => Lines.Sum(line => line.Quantity);

    public decimal Amount => Lines.Sum(line => line.Amount);

    public decimal Invoiced => Invoices.Sum(invoice => invoice.Amount);

    public decimal Paid => Invoices.Sum(invoice => invoice.Paid);

    /// <summary>What the customer owes on the invoices issued so far.</summary>
    public decimal Receivable => Invoiced - Paid;

    public OrderStatus Status =>
        CancelledAt is not null ? OrderStatus.Cancelled
        : DeliveredVehicles.Count >= Units ? OrderStatus.Delivered
        : DeliveredVehicles.Count > 0 ? OrderStatus.PartlyDelivered
        : OrderStatus.Placed;

    public static Order Create(OrderPlaced placed) =>
        new(placed.OrderId, placed.OpportunityId, placed.Customer, placed.Region, placed.SalesRep, placed.DeliverySite,
            placed.Lines, placed.Currency, placed.OccurredAt, placed.OccurredAt);

    public Order Apply(OrderCancelled cancelled) =>
        this with { CancelledAt = cancelled.OccurredAt, CancellationReason = cancelled.Reason, LastOccurredAt = cancelled.OccurredAt };

    public Order Apply(OrderVehicleReserved reserved) =>
        this with { ReservedVehicles = [.. ReservedVehicles, reserved.VehicleCode], LastOccurredAt = Later(reserved.OccurredAt) };

    public Order Apply(OrderVehicleReleased released) =>
        this with { ReservedVehicles = [.. ReservedVehicles.Where(code => code != released.VehicleCode)], LastOccurredAt = Later(released.OccurredAt) };

    public Order Apply(OrderVehicleDelivered delivered) =>
        this with
        {
            ReservedVehicles = [.. ReservedVehicles.Where(code => code != delivered.VehicleCode)],
            DeliveredVehicles = [.. DeliveredVehicles, delivered.VehicleCode],
            LastOccurredAt = Later(delivered.OccurredAt),
        };

    public Order Apply(InvoiceIssued issued) =>
        this with { Invoices = [.. Invoices, new Invoice(issued.InvoiceId, issued.Amount, issued.IssueDate, issued.DueDate, [])], LastOccurredAt = issued.OccurredAt };

    public Order Apply(PaymentReceived received) =>
        this with
        {
            Invoices = [.. Invoices.Select(invoice => invoice.InvoiceId != received.InvoiceId ? invoice
                : invoice with { Payments = [.. invoice.Payments, new Payment(received.PaymentId, received.Amount, received.PaidOn)] })],
            LastOccurredAt = received.OccurredAt,
        };

    /// <summary>One step of the fold: the state after <paramref name="event"/> (from nothing for the placing).</summary>
    public static Order? Step(Order? state, object @event) => (state, @event) switch
    {
        (_, OrderPlaced placed) => Create(placed),
        (null, _) => null,
        (_, OrderCancelled e) => state.Apply(e),
        (_, OrderVehicleReserved e) => state.Apply(e),
        (_, OrderVehicleReleased e) => state.Apply(e),
        (_, OrderVehicleDelivered e) => state.Apply(e),
        (_, InvoiceIssued e) => state.Apply(e),
        (_, PaymentReceived e) => state.Apply(e),
        _ => state,
    };

    // Fleet's facts arrive over the bus, possibly late: they never move the order's own clock backwards.
    private DateTimeOffset Later(DateTimeOffset occurredAt) => occurredAt > LastOccurredAt ? occurredAt : LastOccurredAt;
}
