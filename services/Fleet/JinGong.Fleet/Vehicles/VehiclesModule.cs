using JasperFx.Events;
using JinGong.Fleet.Vehicles.Reading;
using JinGong.Fleet.Vehicles.Registering;
using Marten;

namespace JinGong.Fleet.Vehicles;

public static class VehiclesModule
{
    /// <summary>Vehicle streams are keyed by the vehicle code; event names are explicit, so stored events outlive renames.</summary>
    public static void ConfigureVehicles(this StoreOptions options)
    {
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.MapEventType<VehicleRegistered>("vehicle_registered_v1");
    }

    public static RouteGroupBuilder MapVehicles(this RouteGroupBuilder api)
    {
        var vehicles = api.MapGroup("/vehicles").WithTags("Vehicles");
        vehicles.MapRegisterVehicle();
        vehicles.MapGetVehicle();
        return api;
    }
}
