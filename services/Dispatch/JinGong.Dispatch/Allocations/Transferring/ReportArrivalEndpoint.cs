using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Dispatch.Allocations.Transferring;

public sealed record ArrivalRequest(string? VehicleCode, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A unit brought from another region arrived at the order's home warehouse: fleet is told.</summary>
public static class ReportArrivalEndpoint
{
    public static RouteGroupBuilder MapReportArrival(this RouteGroupBuilder allocations)
    {
        allocations.MapStreamCommand<ArrivalRequest, Allocation, AllocationView>(
            "/{orderId}/arrivals", "ReportArrival", AllocationModule.Allocations,
            request => new FieldErrors().Required("vehicleCode", request.VehicleCode),
            (orderId, request, occurredAt, now) => state => AllocationDecider.Decide(new ReportArrival(orderId, request.VehicleCode!.Trim(), occurredAt, now), state))
            .WithSummary("A vehicle travelling to the order's region arrived at its home warehouse")
            .RequireRoles(Roles.Dispatcher);
        return allocations;
    }
}
