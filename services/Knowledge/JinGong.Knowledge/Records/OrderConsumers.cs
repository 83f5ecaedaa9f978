using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using MassTransit;
using Dispatch = JinGong.Contracts.Dispatch;
using Fleet = JinGong.Contracts.Fleet;
using Orders = JinGong.Contracts.Orders;

namespace JinGong.Knowledge.Records;

/// <summary>
/// Notes every step of an order's way to its customer — placed, cancelled, invoiced, paid (orders), a unit reserved,
/// released, sent and arrived, delivered (fleet), its delivery scheduled (dispatch) — on the order's record, for the
/// timeline of the deal it belongs to.
/// </summary>
public static class OrderConsumers
{
    /// <summary>The causes of a vehicle's change of status that are a step of an order's way, in the timeline's words.</summary>
    private static readonly IReadOnlyDictionary<string, string> OrderSteps = new Dictionary<string, string>
    {
        [Fleet.VehicleChangeCauses.Reserved] = DealSteps.VehicleReserved,
        [Fleet.VehicleChangeCauses.ReservationReleased] = DealSteps.ReservationReleased,
        [Fleet.VehicleChangeCauses.TransferStarted] = DealSteps.TransferStarted,
        [Fleet.VehicleChangeCauses.TransferArrived] = DealSteps.TransferArrived,
    };

    public static void AddOrderRecordConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddStreamConsumer<OrderPlacedConsumer, Orders.OrderPlaced>(message => message.OrderId);
        bus.AddStreamConsumer<OrderCancelledConsumer, Orders.OrderCancelled>(message => message.OrderId);
        bus.AddStreamConsumer<InvoiceIssuedConsumer, Orders.InvoiceIssued>(message => message.OrderId);
        bus.AddStreamConsumer<PaymentReceivedConsumer, Orders.PaymentReceived>(message => message.OrderId);
        bus.AddStreamConsumer<OrderVehicleConsumer, Fleet.VehicleStatusChanged>(message => message.OrderId ?? message.VehicleCode);
        bus.AddStreamConsumer<VehicleDeliveredConsumer, Fleet.VehicleDelivered>(message => message.OrderId);
        bus.AddStreamConsumer<DeliveryScheduledConsumer, Dispatch.DeliveryScheduled>(message => message.OrderId);
    }

    /// <summary>The step a vehicle's change of status is on its order's way; none when it is not one (a loan, a repair, no order).</summary>
    public static string? StepOf(Fleet.VehicleStatusChanged change) =>
        change.OrderId is not null && OrderSteps.TryGetValue(Fleet.VehicleChangeCauses.All.Require(change.Cause), out var step) ? step : null;

    public static Task NoteAsync(
        IDocumentSession session, string orderId, string step, string service, string? detail, string? vehicleCode, DateTimeOffset at, TimeProvider clock,
        CancellationToken cancellationToken) =>
        session.NoteAsync<OrderRecord>(OrderRecord.IdOf(orderId), at, clock.GetUtcNow(), (_, source, occurredAt) =>
            new OrderStepNoted(OrderRecord.IdOf(orderId), orderId, step, service, detail, vehicleCode, at, source.EventId, source.CorrelationId, occurredAt), cancellationToken);
}

public sealed class OrderPlacedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderPlacedConsumer> logger)
    : IdempotentConsumer<Orders.OrderPlaced>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OrderPlaced message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<OrderRecord>(OrderRecord.IdOf(message.OrderId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new OrderPlacedNoted(
                OrderRecord.IdOf(message.OrderId), message.OrderId, message.OpportunityId, message.Customer, message.Region, message.Units, message.Amount,
                message.OccurredAt, source.EventId, source.CorrelationId, occurredAt),
            cancellationToken);
}

public sealed class OrderCancelledConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderCancelledConsumer> logger)
    : IdempotentConsumer<Orders.OrderCancelled>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OrderCancelled message, IDocumentSession session, CancellationToken cancellationToken) =>
        OrderConsumers.NoteAsync(session, message.OrderId, DealSteps.OrderCancelled, "orders", message.Reason, null, message.OccurredAt, Clock, cancellationToken);
}

public sealed class InvoiceIssuedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<InvoiceIssuedConsumer> logger)
    : IdempotentConsumer<Orders.InvoiceIssued>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.InvoiceIssued message, IDocumentSession session, CancellationToken cancellationToken) =>
        OrderConsumers.NoteAsync(
            session, message.OrderId, DealSteps.InvoiceIssued, "orders", $"{message.InvoiceId}: {message.Amount:0.##} {message.Currency}, due {message.DueDate:yyyy-MM-dd}", null,
            message.OccurredAt, Clock, cancellationToken);
}

public sealed class PaymentReceivedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<PaymentReceivedConsumer> logger)
    : IdempotentConsumer<Orders.PaymentReceived>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.PaymentReceived message, IDocumentSession session, CancellationToken cancellationToken) =>
        OrderConsumers.NoteAsync(
            session, message.OrderId, DealSteps.PaymentReceived, "orders", $"{message.InvoiceId}: {message.Amount:0.##} {message.Currency}", null, message.OccurredAt, Clock,
            cancellationToken);
}

/// <summary>A unit of an order reserved, released, sent or arrived; other changes of status are no step of an order's way.</summary>
public sealed class OrderVehicleConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderVehicleConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        OrderConsumers.StepOf(message) is { } step
            ? OrderConsumers.NoteAsync(session, message.OrderId!, step, "fleet", $"{message.Model}, {message.Warehouse}", message.VehicleCode, message.OccurredAt, Clock, cancellationToken)
            : Task.CompletedTask;
}

public sealed class VehicleDeliveredConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleDeliveredConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleDelivered>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleDelivered message, IDocumentSession session, CancellationToken cancellationToken) =>
        OrderConsumers.NoteAsync(session, message.OrderId, DealSteps.Delivered, "fleet", $"{message.Model}, {message.Site}", message.VehicleCode, message.OccurredAt, Clock, cancellationToken);
}

public sealed class DeliveryScheduledConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<DeliveryScheduledConsumer> logger)
    : IdempotentConsumer<Dispatch.DeliveryScheduled>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Dispatch.DeliveryScheduled message, IDocumentSession session, CancellationToken cancellationToken) =>
        OrderConsumers.NoteAsync(
            session, message.OrderId, DealSteps.DeliveryScheduled, "dispatch", $"{message.Date:yyyy-MM-dd}, {message.Site}", message.VehicleCode, message.OccurredAt, Clock,
            cancellationToken);
}
