using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
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
    : IdempotentConsumer<Published.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Published.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        Fact(message) is { } fact
            ? FollowVehicles.ApplyAsync(session, Clock, logger, message.OrderId!, message.VehicleCode, message.Model, fact, message.OccurredAt, cancellationToken)
            : Task.CompletedTask;

    /// <summary>What the change tells the order it names, if anything; a cause this service does not know throws.</summary>
    public static VehicleFact? Fact(Published.VehicleStatusChanged message) => (message.Cause, message.OrderId) switch
    {
        (Cause.Reserved, not null) => VehicleFact.Reserved,
        (Cause.ReservationReleased, not null) => VehicleFact.Released,
        // A reservation for no order is nobody's here; deliveries come with their own message, with the customer and
        // site; the rest is the vehicle's own life, which an order does not follow.
        (Cause.Reserved or Cause.ReservationReleased, null)
            or (Cause.Delivered or Cause.TransferStarted or Cause.TransferArrived or Cause.Lent or Cause.Returned
                or Cause.MaintenanceOpened or Cause.MaintenanceClosed or Cause.Retired, _) => null,
        _ => throw Cause.All.Unknown(message.Cause),
    };
}

public sealed class VehicleDeliveredConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleDeliveredConsumer> logger)
    : IdempotentConsumer<Published.VehicleDelivered>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Published.VehicleDelivered message, IDocumentSession session, CancellationToken cancellationToken) =>
        FollowVehicles.ApplyAsync(session, Clock, logger, message.OrderId, message.VehicleCode, message.Model, VehicleFact.Delivered, message.OccurredAt, cancellationToken);
}
