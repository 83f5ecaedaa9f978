using JasperFx.Events.Projections;
using JinGong.Dispatch.Allocations.Assigning;
using JinGong.Dispatch.Allocations.Cancelling;
using JinGong.Dispatch.Allocations.Delivering;
using JinGong.Dispatch.Allocations.FollowingFleet;
using JinGong.Dispatch.Allocations.Opening;
using JinGong.Dispatch.Allocations.Transferring;
using JinGong.Dispatch.Integration;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using MassTransit;
using Fleet = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Allocations;

public static class AllocationModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Allocations",
        "One allocation per order [调度]: the units reserved for it, moved to the customer's region when they are elsewhere, and their deliveries scheduled and confirmed.");

    /// <summary>Allocation streams (keyed by the order's id), as the shared command handling and reads see them: of the order's region.</summary>
    public static readonly StreamKind<Allocation, AllocationView> Allocations =
        new("Allocation", AllocationDecider.NotFound, Allocation.Evolve, AllocationView.From, e => ((IAllocationEvent)e).OccurredAt, allocation => allocation.Region);

    public static void ConfigureAllocation(this StoreOptions options)
    {
        // Inline: the board and the next decision read an allocation in the same transaction that changed it.
        options.Projections.Add(new EvolvingProjection<Allocation>(typeof(IAllocationEvent)), ProjectionLifecycle.Inline);
        // Inline too: a claim's insert fails the transaction that would claim a vehicle twice (see VehicleClaimProjection).
        options.Projections.Add(new VehicleClaimProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new BackorderProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Allocation>().Duplicate(allocation => allocation.Region);
        options.Schema.For<Backorder>().Duplicate(backorder => backorder.Model);
        options.Events.MapEventType<AllocationOpened>("allocation_opened_v1");
        options.Events.MapEventType<ReservationRequested>("reservation_requested_v1");
        options.Events.MapEventType<UnitReserved>("unit_reserved_v1");
        options.Events.MapEventType<ReservationRefused>("reservation_refused_v1");
        options.Events.MapEventType<UnitBackordered>("unit_backordered_v1");
        options.Events.MapEventType<TransferRequested>("transfer_requested_v1");
        options.Events.MapEventType<UnitTransferStarted>("unit_transfer_started_v1");
        options.Events.MapEventType<ArrivalReported>("arrival_reported_v1");
        options.Events.MapEventType<UnitArrived>("unit_arrived_v1");
        options.Events.MapEventType<DeliveryScheduled>("delivery_scheduled_v1");
        options.Events.MapEventType<DeliveryConfirmed>("delivery_confirmed_v1");
        options.Events.MapEventType<UnitDelivered>("unit_delivered_v1");
        options.Events.MapEventType<AllocationCancelled>("allocation_cancelled_v1");
        options.Events.MapEventType<ReleaseRequested>("release_requested_v1");
    }

    public static void AddAllocationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OrderPlacedConsumer>();
        bus.AddConsumer<OrderCancelledConsumer>();
        bus.AddStreamConsumer<FleetAnswersConsumer, Fleet.VehicleStatusChanged>(message => message.OrderId ?? message.VehicleCode);
        bus.AddStreamConsumer<VehicleDeliveredConsumer, Fleet.VehicleDelivered>(message => message.OrderId);
        bus.AddStreamConsumer<VehicleRequestRefusedConsumer, Fleet.VehicleRequestRefused>(message => message.OrderId ?? message.RequestId);
    }

    public static RouteGroupBuilder MapAllocations(this RouteGroupBuilder api)
    {
        var allocations = api.MapGroup("/allocations").WithTag(Tag);
        allocations.MapStreamReads("/{orderId}", Allocations);
        allocations.MapReportArrival();
        allocations.MapDeliveries();
        return api;
    }
}
