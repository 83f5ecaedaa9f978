using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Retiring;

public sealed record RetireVehicleRequest(string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The end of a vehicle's record: after this it accepts nothing.</summary>
public static class RetireVehicleEndpoint
{
    public static RouteGroupBuilder MapRetirement(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<RetireVehicleRequest>(
            "retirement", "RetireVehicle",
            request => new FieldErrors().Required("reason", request.Reason),
            (code, request, occurredAt, now) => new RetireVehicle(code, request.Reason!.Trim(), occurredAt, now))
            .WithSummary("Retire a vehicle in stock or in maintenance: the end of its record, after which it accepts no command")
            .RequireRoles(Roles.FleetOperations);
        return vehicles;
    }
}
