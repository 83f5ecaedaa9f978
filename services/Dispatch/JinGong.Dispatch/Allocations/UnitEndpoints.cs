using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Dispatch.Allocations;

public sealed record ArrivalRequest(string? VehicleCode, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A delivery of one of the order's vehicles on a date, at the order's site unless another is named.</summary>
public sealed record ScheduleDeliveryRequest(string? VehicleCode, DateOnly? Date, string? Site, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record ConfirmDeliveryRequest(string? VehicleCode, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>What dispatchers report about one unit of an order: a transfer arrived, a delivery scheduled, a delivery done.</summary>
public static class UnitEndpoints
{
    public static RouteGroupBuilder MapUnitCommands(this RouteGroupBuilder allocations)
    {
        allocations.MapStreamCommand<ArrivalRequest, Allocation, AllocationView>(
            "/{orderId}/arrivals", "ReportArrival", AllocationModule.Allocations,
            request => new FieldErrors().Required("vehicleCode", request.VehicleCode),
            (orderId, request, occurredAt, now) => state => AllocationDecider.Decide(new ReportArrival(orderId, request.VehicleCode!.Trim(), occurredAt, now), state, AllocationStore.NewId))
            .WithSummary("A vehicle travelling to the order's region arrived at its home warehouse")
            .RequireRoles(Roles.Dispatcher);

        allocations.MapStreamCommand<ScheduleDeliveryRequest, Allocation, AllocationView>(
            "/{orderId}/deliveries", "ScheduleDelivery", AllocationModule.Allocations,
            request => new FieldErrors().Required("vehicleCode", request.VehicleCode).Required("date", request.Date)
                .Check("site", request.Site is null || !string.IsNullOrWhiteSpace(request.Site), "The site, when given, is not blank.")
                .Check("site", request.Site is null || request.Site.Trim().Length <= FieldErrors.MaxTextLength, $"The site has at most {FieldErrors.MaxTextLength} characters."),
            (orderId, request, occurredAt, now) => state => AllocationDecider.Decide(
                new ScheduleDelivery(orderId, request.VehicleCode!.Trim(), request.Date!.Value, request.Site?.Trim(), occurredAt, now), state, AllocationStore.NewId))
            .WithSummary("Schedule the delivery of a reserved unit on a date (at the order's site unless another is named)")
            .RequireRoles(Roles.Dispatcher);

        allocations.MapStreamCommand<ConfirmDeliveryRequest, Allocation, AllocationView>(
            "/{orderId}/deliveries/confirmation", "ConfirmDelivery", AllocationModule.Allocations,
            request => new FieldErrors().Required("vehicleCode", request.VehicleCode),
            (orderId, request, occurredAt, now) => state => AllocationDecider.Decide(new ConfirmDelivery(orderId, request.VehicleCode!.Trim(), occurredAt, now), state, AllocationStore.NewId))
            .WithSummary("The scheduled delivery took place: fleet records it, and orders sees it")
            .RequireRoles(Roles.Dispatcher);
        return allocations;
    }
}
