using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using MassTransit;
using Fleet = JinGong.Contracts.Fleet;
using Orders = JinGong.Contracts.Orders;

namespace JinGong.Okr.Records;

/// <summary>
/// Notes other services' facts on OKR's records, once each however often the bus delivers them (the message id is
/// recorded with the note); what they mean for key results is worked out by <see cref="BoundKeyResults"/>.
/// </summary>
public static class RecordConsumers
{
    public static void AddRecordConsumers(this IBusRegistrationConfigurator bus)
    {
        // Facts about one order or opportunity are noted one after another, so they do not race for its record.
        bus.AddStreamConsumer<OrderPlacedConsumer, Orders.OrderPlaced>(message => message.OrderId);
        bus.AddStreamConsumer<OrderCancelledConsumer, Orders.OrderCancelled>(message => message.OrderId);
        bus.AddStreamConsumer<InvoiceIssuedConsumer, Orders.InvoiceIssued>(message => message.OrderId);
        bus.AddStreamConsumer<PaymentReceivedConsumer, Orders.PaymentReceived>(message => message.OrderId);
        bus.AddStreamConsumer<VehicleDeliveredConsumer, Fleet.VehicleDelivered>(message => message.OrderId);
        bus.AddStreamConsumer<OpportunityWonConsumer, Orders.OpportunityWon>(message => message.OpportunityId);
        bus.AddStreamConsumer<OpportunityLostConsumer, Orders.OpportunityLost>(message => message.OpportunityId);
    }
}

public sealed class OrderPlacedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderPlacedConsumer> logger)
    : IdempotentConsumer<Orders.OrderPlaced>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OrderPlaced message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<SaleRecord>(SaleRecord.IdOf(message.OrderId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) => new OrderNoted(
            SaleRecord.IdOf(message.OrderId), message.OrderId, message.Customer, message.Region, message.SalesRep,
            [.. message.Lines.Select(line => new ModelUnits(line.Model, line.Quantity))], message.Units, message.Amount, message.OccurredAt, source.EventId, occurredAt), cancellationToken);
}

public sealed class OrderCancelledConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderCancelledConsumer> logger)
    : IdempotentConsumer<Orders.OrderCancelled>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OrderCancelled message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<SaleRecord>(SaleRecord.IdOf(message.OrderId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new OrderCancellationNoted(SaleRecord.IdOf(message.OrderId), message.OrderId, message.OccurredAt, source.EventId, occurredAt), cancellationToken);
}

public sealed class InvoiceIssuedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<InvoiceIssuedConsumer> logger)
    : IdempotentConsumer<Orders.InvoiceIssued>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.InvoiceIssued message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<SaleRecord>(SaleRecord.IdOf(message.OrderId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) => new InvoiceNoted(
            SaleRecord.IdOf(message.OrderId), message.OrderId, message.InvoiceId, message.Region, message.SalesRep, message.Amount, message.DueDate, message.OccurredAt,
            source.EventId, occurredAt), cancellationToken);
}

public sealed class PaymentReceivedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<PaymentReceivedConsumer> logger)
    : IdempotentConsumer<Orders.PaymentReceived>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.PaymentReceived message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<SaleRecord>(SaleRecord.IdOf(message.OrderId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) => new PaymentNoted(
            SaleRecord.IdOf(message.OrderId), message.OrderId, message.InvoiceId, message.PaymentId, message.Region, message.SalesRep, message.Amount, message.PaidOn,
            message.OccurredAt, source.EventId, occurredAt), cancellationToken);
}

public sealed class VehicleDeliveredConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleDeliveredConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleDelivered>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleDelivered message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<SaleRecord>(SaleRecord.IdOf(message.OrderId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new DeliveryNoted(SaleRecord.IdOf(message.OrderId), message.OrderId, message.VehicleCode, message.Model, message.OccurredAt, source.EventId, occurredAt), cancellationToken);
}

public sealed class OpportunityWonConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityWonConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityWon>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityWon message, IDocumentSession session, CancellationToken cancellationToken) =>
        OpportunityClosings.NoteAsync(session, message.OpportunityId, message.Region, message.SalesRep, message.Models, won: true, message.OccurredAt, Clock, cancellationToken);
}

public sealed class OpportunityLostConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityLostConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityLost>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityLost message, IDocumentSession session, CancellationToken cancellationToken) =>
        OpportunityClosings.NoteAsync(session, message.OpportunityId, message.Region, message.SalesRep, message.Models, won: false, message.OccurredAt, Clock, cancellationToken);
}

internal static class OpportunityClosings
{
    public static Task NoteAsync(
        IDocumentSession session, string opportunityId, string region, string salesRep, IReadOnlyList<Orders.WantedModel> models, bool won, DateTimeOffset closedAt,
        TimeProvider clock, CancellationToken cancellationToken) =>
        session.NoteAsync<OpportunityRecord>(OpportunityRecord.IdOf(opportunityId), closedAt, clock.GetUtcNow(), (_, source, occurredAt) => new OpportunityClosingNoted(
            OpportunityRecord.IdOf(opportunityId), opportunityId, region, salesRep, [.. models.Select(model => model.Model)], won, closedAt, source.EventId, occurredAt), cancellationToken);
}
