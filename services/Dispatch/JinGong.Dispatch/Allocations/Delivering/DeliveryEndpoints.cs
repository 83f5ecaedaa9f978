using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Dispatch.Allocations.Delivering;

/// <summary>A delivery of one of the order's vehicles on a date, at the order's site unless another is named.</summary>
public sealed record ScheduleDeliveryRequest(string? VehicleCode, DateOnly? Date, string? Site, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record ConfirmDeliveryRequest(string? VehicleCode, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A reserved unit's delivery scheduled, then confirmed done: fleet records it, and orders sees it.</summary>
public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder allocations)
    {
        allocations.MapStreamCommand<ScheduleDeliveryRequest, Allocation, AllocationView>(
            "/{orderId}/deliveries", "ScheduleDelivery", AllocationModule.Allocations,
            request => new FieldErrors().Required("vehicleCode", request.VehicleCode).Required("date", request.Date)
                .Check("site", request.Site is null || !string.IsNullOrWhiteSpace(request.Site), $"The site, when given, is not blank.")
                .Check("site", request.Site is null || request.Site.Trim().Length <= FieldErrors.MaxTextLength, $"The site has at most {FieldErrors.MaxTextLength} characters."),
            (orderId, request, occurredAt, now) => state => AllocationDecider.Decide(
                new ScheduleDelivery(orderId, request.VehicleCode!.Trim(), request.Date!.Value, request.Site?.Trim(), occurredAt, now), state))
            .WithSummary("Schedule the delivery of a reserved unit on a date (at the order's site unless another is named)")
            .RequireRoles(Roles.Dispatcher);

        allocations.MapStreamCommand<ConfirmDeliveryRequest, Allocation, AllocationView>(
            "/{orderId}/deliveries/confirmation", "ConfirmDelivery", AllocationModule.Allocations,
            request => new FieldErrors().Required("vehicleCode", request.VehicleCode),
            (orderId, request, occurredAt, now) => state => AllocationDecider.Decide(new ConfirmDelivery(orderId, request.VehicleCode!.Trim(), occurredAt, now), state))
            .WithSummary("The scheduled delivery took place: fleet records it, and orders sees it")
            .RequireRoles(Roles.Dispatcher);
        return allocations;
    }
}
