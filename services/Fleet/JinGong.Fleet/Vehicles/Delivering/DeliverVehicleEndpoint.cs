using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Delivering;

public sealed record DeliverVehicleRequest(string? OrderId, string? Customer, string? Site, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The vehicle handed over to the customer of the order it was reserved for.</summary>
public static class DeliverVehicleEndpoint
{
    public static RouteGroupBuilder MapDelivery(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<DeliverVehicleRequest>(
            "delivery", "DeliverVehicle",
            request => new FieldErrors().Id("orderId", request.OrderId).Required("customer", request.Customer).Required("site", request.Site),
            (code, request, occurredAt, now) => new DeliverVehicle(code, request.OrderId!.Trim(), request.Customer!.Trim(), request.Site!.Trim(), occurredAt, now))
            .WithSummary("Deliver a vehicle to the customer of the order it is reserved for, at their site")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);
        return vehicles;
    }
}
