using JinGong.EventSourcing;

namespace JinGong.Fleet.Vehicles.Reading;

/// <summary>A vehicle now, as of a moment, at a version, and its whole history for auditors (<see cref="StreamReads"/>).</summary>
public static class GetVehicleEndpoint
{
    public static RouteGroupBuilder MapGetVehicle(this RouteGroupBuilder vehicles) =>
        vehicles.MapStreamReads("/{code}", VehicleCommandHandler.Vehicles);
}
