using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Regions;
using JinGong.Dispatch.Transfers;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Fleet = JinGong.Contracts.Fleet;
using Kind = JinGong.Contracts.Fleet.VehicleRequestKinds;
using Orders = JinGong.Contracts.Orders;

namespace JinGong.Dispatch.Allocations;

/// <summary>An order placed opens its allocation and asks fleet for a vehicle for each unit, once.</summary>
public sealed class OrderPlacedConsumer(IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<OrderPlacedConsumer> logger)
    : IdempotentConsumer<Orders.OrderPlaced>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Orders.OrderPlaced message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.Events.FetchStreamStateAsync(message.OrderId, cancellationToken) is not null)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var opened = AllocationDecider.Open(
            message.OrderId, message.Customer, message.Region, message.DeliverySite,
            [.. message.Lines.SelectMany(line => Enumerable.Repeat(line.Model, line.Quantity))], now);
        var assigned = await AllocationStore.AssignAsync(session, Allocation.Evolve(null, opened)!, regions, now, cancellationToken);
        session.Events.StartStream<Allocation>(message.OrderId, [opened, .. assigned]);
        AllocationStore.Follow(session, assigned);
    }
}

/// <summary>An order cancelled: its allocation closes and every vehicle it holds or asked for goes back.</summary>
public sealed class OrderCancelledConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderCancelledConsumer> logger)
    : IdempotentConsumer<Orders.OrderCancelled>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OrderCancelled message, IDocumentSession session, CancellationToken cancellationToken) =>
        AllocationUpdates.ApplyAsync(session, message.OrderId, state => AllocationDecider.Cancel(state, message.Reason, Clock.GetUtcNow(), AllocationStore.NewId), cancellationToken);
}

/// <summary>Fleet's answers to dispatch's requests: reserved, set off, arrived, delivered — or refused, and then the next candidate.</summary>
public sealed class FleetAnswersConsumer(IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<FleetAnswersConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        return (message.Cause, message.OrderId) switch
        {
            (Cause.Reserved, { } orderId) => AllocationUpdates.ApplyAsync(session, orderId, state => AllocationDecider.Reserved(state, message.VehicleCode, regions, now, AllocationStore.NewId), cancellationToken),
            (Cause.TransferStarted, { } orderId) => AllocationUpdates.ApplyAsync(session, orderId, state => AllocationDecider.TransferStarted(state, message.VehicleCode, now), cancellationToken),
            (Cause.TransferArrived, { } orderId) => AllocationUpdates.ApplyAsync(session, orderId, state => AllocationDecider.Arrived(state, message.VehicleCode, now), cancellationToken),
            // No order behind it (one of dispatch's own transfers), or not an answer an allocation waits for: deliveries
            // come with their own message, loans and the catalogue follow the rest.
            (Cause.Reserved or Cause.TransferStarted or Cause.TransferArrived, null)
                or (Cause.ReservationReleased or Cause.Lent or Cause.Returned or Cause.Delivered or Cause.MaintenanceOpened or Cause.MaintenanceClosed or Cause.Retired, _) => Task.CompletedTask,
            _ => throw Cause.All.Unknown(message.Cause),
        };
    }
}

public sealed class VehicleDeliveredConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleDeliveredConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleDelivered>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleDelivered message, IDocumentSession session, CancellationToken cancellationToken) =>
        AllocationUpdates.ApplyAsync(session, message.OrderId, state => AllocationDecider.Delivered(state, message.VehicleCode, Clock.GetUtcNow()), cancellationToken);
}

public sealed class VehicleRequestRefusedConsumer(IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<VehicleRequestRefusedConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleRequestRefused>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Fleet.VehicleRequestRefused message, IDocumentSession session, CancellationToken cancellationToken)
    {
        AllocationUpdates.LogRefusal(logger, message.Request, message.VehicleCode, message.Rule, message.Detail);
        var now = Clock.GetUtcNow();
        // A loan's or a planned transfer's request id is its own id.
        switch (message.Request)
        {
            case Kind.Lend:
                await session.AppendDecisionAsync<Loan>(message.RequestId, loan => LoanDecider.Decide(new RecordRefusal(message.RequestId, message.Rule, message.Detail, now), loan), cancellationToken);
                return;
            case Kind.Transfer:
                await session.AppendDecisionAsync<Transfer>(
                    message.RequestId, transfer => TransferDecider.Decide(new RecordTransferRefusal(message.RequestId, message.Rule, message.Detail, now), transfer), cancellationToken);
                return;
            case Kind.Reserve:
                break;
            // Asked of a vehicle the allocation already holds: there is no other to choose; the refusal is logged above.
            case Kind.Release or Kind.Arrive or Kind.Return or Kind.Deliver:
                return;
            default:
                throw Kind.All.Unknown(message.Request);
        }

        if (message.OrderId is not { } orderId)
        {
            return;
        }

        var allocation = await session.Events.FetchForWriting<Allocation>(orderId, cancellationToken);
        if (allocation.Aggregate is not { } state)
        {
            return;
        }

        // The refused vehicle is out for that unit; the next candidate is asked for in the same transaction
        // (choosing it reads the catalogue, so this one decision is not a pure UpdateAsync).
        var refused = AllocationDecider.Refused(state, message.RequestId, message.Rule, now);
        var after = refused.Aggregate((Allocation?)state, Allocation.Evolve)!;
        IReadOnlyList<object> events = refused.Count == 0 ? [] : [.. refused, .. await AllocationStore.AssignAsync(session, after, regions, now, cancellationToken)];
        allocation.AppendMany(events);
        AllocationStore.Follow(session, events);
    }
}

/// <summary>Load → decide → append on an allocation, keeping claims and backorders in step.</summary>
public static partial class AllocationUpdates
{
    /// <remarks>An order dispatch never opened (e.g. a vehicle fleet reserved by hand) has nothing to follow.</remarks>
    public static async Task ApplyAsync(IDocumentSession session, string orderId, Func<Allocation, IReadOnlyList<object>> decide, CancellationToken cancellationToken) =>
        AllocationStore.Follow(session, (await session.AppendDecisionAsync<Allocation>(
            orderId, state => state is null ? Decision.Accept() : Decision.Accept([.. decide(state)]), cancellationToken)).Events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet refused to {Request} vehicle {VehicleCode}: {Rule} ({Detail})")]
    public static partial void LogRefusal(ILogger logger, string request, string vehicleCode, string rule, string detail);
}
