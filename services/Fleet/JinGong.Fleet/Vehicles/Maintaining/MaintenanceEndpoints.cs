using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Maintaining;

public sealed record OpenMaintenanceRequest(string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record CloseMaintenanceRequest(string? Outcome, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Maintenance and after-sales service [售后]: opened, then closed.</summary>
public static class MaintenanceEndpoints
{
    public static RouteGroupBuilder MapMaintenance(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<OpenMaintenanceRequest>(
            "maintenance", "OpenMaintenance",
            request => new FieldErrors().Required("reason", request.Reason),
            (code, request, occurredAt, now) => new OpenMaintenance(code, request.Reason!.Trim(), occurredAt, now))
            .WithSummary("Open maintenance or after-sales service [售后] on a vehicle in stock, reserved, on loan or delivered, with its reason")
            .RequireRoles(Roles.FleetOperations);

        vehicles.MapVehicleCommand<CloseMaintenanceRequest>(
            "maintenance/close", "CloseMaintenance",
            request => new FieldErrors().Required("outcome", request.Outcome),
            (code, request, occurredAt, now) => new CloseMaintenance(code, request.Outcome!.Trim(), occurredAt, now))
            .WithSummary("Close the vehicle's maintenance with its outcome")
            .RequireRoles(Roles.FleetOperations);
        return vehicles;
    }
}
