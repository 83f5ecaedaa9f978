using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Reserving;

public sealed record ReserveVehicleRequest(string? OrderId, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record ReleaseReservationRequest(string? OrderId, string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A vehicle promised to an order, and the promise taken back.</summary>
public static class ReservationEndpoints
{
    public static RouteGroupBuilder MapReservations(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<ReserveVehicleRequest>(
            "reservation", "ReserveVehicle",
            request => new FieldErrors().Id("orderId", request.OrderId),
            (code, request, occurredAt, now) => new ReserveVehicle(code, request.OrderId!.Trim(), occurredAt, now))
            .WithSummary("Reserve a vehicle in stock for an order")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);

        vehicles.MapVehicleCommand<ReleaseReservationRequest>(
            "reservation/release", "ReleaseReservation",
            request => new FieldErrors().Id("orderId", request.OrderId).Required("reason", request.Reason),
            (code, request, occurredAt, now) => new ReleaseReservation(code, request.OrderId!.Trim(), request.Reason!.Trim(), occurredAt, now))
            .WithSummary("Release the vehicle's reservation for an order, with the reason")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);
        return vehicles;
    }
}
