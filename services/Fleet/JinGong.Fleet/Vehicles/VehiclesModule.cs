using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Fleet.Vehicles.Delivering;
using JinGong.Fleet.Vehicles.Inventory;
using JinGong.Fleet.Vehicles.Lending;
using JinGong.Fleet.Vehicles.Maintaining;
using JinGong.Fleet.Vehicles.Reading;
using JinGong.Fleet.Vehicles.Registering;
using JinGong.Fleet.Vehicles.Reserving;
using JinGong.Fleet.Vehicles.Retiring;
using JinGong.Fleet.Vehicles.Transferring;
using JinGong.Fleet.Vehicles.Usage;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Http;
using Marten;

namespace JinGong.Fleet.Vehicles;

public static class VehiclesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Vehicles",
        "One record per vehicle [设备档案], keyed by its unique code [唯一整车编码]: registered at production completion, then reserved, transferred, lent, delivered, serviced and retired; its state at any moment or version, its status timeline, telematics and trajectory.");

    /// <summary>The events a vehicle's timeline is folded from: all of its stream's but its telematics batches (VehicleTimeline).</summary>
    public static readonly Type[] TimelineEvents = [.. EventTypes.Concrete([typeof(IVehicleEvent)]).Except([typeof(UsageReported)])];

    /// <summary>Vehicle streams are keyed by the vehicle code; event names are explicit, so stored events outlive renames.</summary>
    public static void ConfigureVehicles(this StoreOptions options)
    {
        // Inline: the snapshot (and so the inventory) changes in the same transaction as the append.
        options.Projections.Add(new EvolvingProjection<Vehicle>(typeof(IVehicleEvent)), ProjectionLifecycle.Inline);
        // Inline too: a figure asked for right after a command counts it; rebuilt from the events like any projection.
        options.Projections.Add(new EvolvingProjection<VehicleTimeline>(TimelineEvents), ProjectionLifecycle.Inline);
        options.Events.MapEventType<VehicleRegistered>("vehicle_registered_v1");
        options.Events.MapEventType<VehicleReserved>("vehicle_reserved_v1");
        options.Events.MapEventType<VehicleReservationReleased>("vehicle_reservation_released_v1");
        options.Events.MapEventType<VehicleTransferStarted>("vehicle_transfer_started_v1");
        options.Events.MapEventType<VehicleTransferArrived>("vehicle_transfer_arrived_v1");
        options.Events.MapEventType<VehicleLent>("vehicle_lent_v1");
        options.Events.MapEventType<VehicleReturned>("vehicle_returned_v1");
        options.Events.MapEventType<VehicleDelivered>("vehicle_delivered_v1");
        options.Events.MapEventType<MaintenanceOpened>("maintenance_opened_v1");
        options.Events.MapEventType<MaintenanceClosed>("maintenance_closed_v1");
        options.Events.MapEventType<VehicleRetired>("vehicle_retired_v1");
        options.Events.MapEventType<UsageReported>("usage_reported_v1");
        options.Events.MapEventType<VehicleRequestRefused>("vehicle_request_refused_v1");
        VehicleReadings.Declare(options);
    }

    /// <summary>
    /// The readings table beside the store: what earlier releases kept as documents moved into it at start, and the days'
    /// counts kept from it checked by the rebuild check.
    /// </summary>
    public static IHostApplicationBuilder AddReadings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<EarlierReadingsMigration>();
        builder.Services.AddSingleton(VehicleReadings.ReadingDays);
        return builder;
    }

    public static RouteGroupBuilder MapVehicles(this RouteGroupBuilder api)
    {
        var vehicles = api.MapGroup("/vehicles").WithTag(Tag);
        vehicles.MapRegisterVehicle();
        vehicles.MapGetVehicle();
        vehicles.MapStatusTimeline();
        vehicles.MapReservations();
        vehicles.MapTransfers();
        vehicles.MapLoans();
        vehicles.MapDelivery();
        vehicles.MapMaintenance();
        vehicles.MapRetirement();
        vehicles.MapUsage();
        api.MapInventory();
        api.MapUtilization();
        return api;
    }
}
