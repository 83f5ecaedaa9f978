using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

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

/// <summary>
/// The order was placed. <paramref name="Customer"/> is the customer's name when it was placed (version 1 had only the
/// name: <see cref="EventSourcing.CustomerNamedOnly{T}"/>).
/// </summary>
public sealed record OrderPlaced(
    string OrderId, string? OpportunityId, string CustomerId, string Customer, string Region, string SalesRep, string DeliverySite,
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
    string CustomerId,
    string Customer,
    string Region,
    string SalesRep,
    string DeliverySite,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Order>
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

    /// <summary>The state after one more event (from nothing for the placing).</summary>
    [JasperFxIgnore]
    public static Order? Evolve(Order? state, object @event) => (state, @event) switch
    {
        (_, OrderPlaced placed) =>
            new(placed.OrderId, placed.OpportunityId, placed.CustomerId, placed.Customer, placed.Region, placed.SalesRep, placed.DeliverySite,
                placed.Lines, placed.Currency, placed.OccurredAt, placed.OccurredAt),
        (null, IOrderEvent) => null,
        (_, OrderCancelled cancelled) =>
            state with { CancelledAt = cancelled.OccurredAt, CancellationReason = cancelled.Reason, LastOccurredAt = cancelled.OccurredAt },
        (_, OrderVehicleReserved reserved) =>
            state with { ReservedVehicles = [.. state.ReservedVehicles, reserved.VehicleCode], LastOccurredAt = state.Later(reserved.OccurredAt) },
        (_, OrderVehicleReleased released) => state with
        {
            ReservedVehicles = [.. state.ReservedVehicles.Where(code => code != released.VehicleCode)],
            LastOccurredAt = state.Later(released.OccurredAt),
        },
        (_, OrderVehicleDelivered delivered) => state with
        {
            ReservedVehicles = [.. state.ReservedVehicles.Where(code => code != delivered.VehicleCode)],
            DeliveredVehicles = [.. state.DeliveredVehicles, delivered.VehicleCode],
            LastOccurredAt = state.Later(delivered.OccurredAt),
        },
        (_, InvoiceIssued issued) => state with
        {
            Invoices = [.. state.Invoices, new Invoice(issued.InvoiceId, issued.Amount, issued.IssueDate, issued.DueDate, [])],
            LastOccurredAt = issued.OccurredAt,
        },
        (_, PaymentReceived received) => state with
        {
            Invoices = [.. state.Invoices.Select(invoice => invoice.InvoiceId != received.InvoiceId ? invoice
                : invoice with { Payments = [.. invoice.Payments, new Payment(received.PaymentId, received.Amount, received.PaidOn)] })],
            LastOccurredAt = received.OccurredAt,
        },
        _ => throw new UnknownEventException(typeof(Order), @event),
    };

    // Fleet's facts arrive over the bus, possibly late: they never move the order's own clock backwards.
    private DateTimeOffset Later(DateTimeOffset occurredAt) => occurredAt > LastOccurredAt ? occurredAt : LastOccurredAt;
}
