using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using MassTransit;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Catalogue;

public static class CatalogueModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Catalogue",
        "The vehicles dispatch knows of, as fleet's events told it: where each one is and whether it can be allocated, lent or moved.");

    public static void ConfigureCatalogue(this StoreOptions options)
    {
        options.Events.MapEventType<VehicleCatalogued>("vehicle_catalogued_v1");
        options.Events.MapEventType<VehicleStatusNoted>("vehicle_status_noted_v1");
        // Inline: the catalogue answers from the same transaction that recorded the vehicle.
        options.Projections.Add(new EvolvingProjection<CatalogueVehicle>(typeof(VehicleCatalogued), typeof(VehicleStatusNoted)), ProjectionLifecycle.Inline);
        options.Schema.For<CatalogueVehicle>().Duplicate(vehicle => vehicle.Model).Duplicate(vehicle => vehicle.Status);
    }

    public static void AddCatalogueConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<VehicleRegisteredConsumer>();
        // A vehicle's status changes come in bursts (reserved, sent off, arrived, delivered): handled in turn per vehicle,
        // they no longer roll each other back on its stream (a played year lost about 800 such races before).
        bus.AddStreamConsumer<VehicleStatusChangedConsumer, Published.VehicleStatusChanged>(changed => changed.VehicleCode);
    }

    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api)
    {
        api.MapGroup("/vehicles").WithTag(Tag).MapListVehicles();
        return api;
    }
}
