using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Orders.Orders.Cancelling;

public sealed record CancelOrderRequest(string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

public static class CancelOrderEndpoint
{
    public static RouteGroupBuilder MapCancellation(this RouteGroupBuilder orders)
    {
        orders.MapStreamCommand<CancelOrderRequest, Order, OrderView>(
            "/{id}/cancellation", "CancelOrder", OrdersModule.Orders,
            request => new FieldErrors().Required("reason", request.Reason),
            (id, request, occurredAt, now) => order => OrderDecider.Decide(new CancelOrder(id, request.Reason!.Trim(), occurredAt, now), order))
            .WithSummary("Cancel an order before any of its vehicles is delivered")
            .RequireRoles(Roles.RegionalManager);
        return orders;
    }
}
