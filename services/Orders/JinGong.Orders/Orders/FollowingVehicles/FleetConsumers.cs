using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.EventSourcing;
using JinGong.ServiceDefaults.Messaging;
using Marten;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Orders.Orders.FollowingVehicles;

/// <summary>
/// The order follows its vehicles: fleet's integration events become local commands on the order they name,
/// decided by the same <see cref="OrderDecider"/>, once each however often the bus delivers them.
/// </summary>
public static partial class FollowVehicles
{
    public static async Task ApplyAsync(
        IDocumentSession session, TimeProvider clock, ILogger logger, string orderId, string vehicleCode, string model, VehicleFact fact,
        DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var decided = await session.AppendDecisionAsync<Order>(
            orderId, (order, _) => OrderDecider.Decide(new FollowVehicle(orderId, vehicleCode, model, fact, occurredAt, clock.GetUtcNow()), order), cancellationToken);
        if (decided.Decision is Decision.Rejected rejected)
        {
            // Fleet reserves for any order id it is given; one this service never placed has nothing to follow.
            LogNotFollowed(logger, vehicleCode, fact, orderId, rejected.Error.Detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vehicle {VehicleCode} {Fact} for order {OrderId}, which is not followed: {Reason}")]
    private static partial void LogNotFollowed(ILogger logger, string vehicleCode, VehicleFact fact, string orderId, string reason);
}

public sealed class VehicleStatusChangedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleStatusChangedConsumer> logger)
    : IdempotentConsumer<Published.VehicleStatusChanged>(session, service, logger)
{
    protected override Task ApplyAsync(Published.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        (message.Cause, message.OrderId) switch
        {
            ("reserved", { } orderId) => FollowVehicles.ApplyAsync(session, clock, logger, orderId, message.VehicleCode, message.Model, VehicleFact.Reserved, message.OccurredAt, cancellationToken),
            ("reservation-released", { } orderId) => FollowVehicles.ApplyAsync(session, clock, logger, orderId, message.VehicleCode, message.Model, VehicleFact.Released, message.OccurredAt, cancellationToken),
            // Deliveries come with their own message, with the customer and site.
            _ => Task.CompletedTask,
        };
}

public sealed class VehicleDeliveredConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleDeliveredConsumer> logger)
    : IdempotentConsumer<Published.VehicleDelivered>(session, service, logger)
{
    protected override Task ApplyAsync(Published.VehicleDelivered message, IDocumentSession session, CancellationToken cancellationToken) =>
        FollowVehicles.ApplyAsync(session, clock, logger, message.OrderId, message.VehicleCode, message.Model, VehicleFact.Delivered, message.OccurredAt, cancellationToken);
}
