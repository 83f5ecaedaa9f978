using JinGong.Dispatch.Regions;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Fleet = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Allocations.FollowingFleet;

/// <summary>Fleet's answers to an allocation's requests: reserved, set off, arrived (refusals come with their own message).</summary>
public sealed class FleetAnswersConsumer(IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<FleetAnswersConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        AllocationCommand? answer = (message.Cause, message.OrderId) switch
        {
            (Cause.Reserved, { } orderId) => new RecordReservation(orderId, message.VehicleCode, regions, message.OccurredAt, now),
            (Cause.TransferStarted, { } orderId) => new RecordTransferStart(orderId, message.VehicleCode, message.OccurredAt, now),
            (Cause.TransferArrived, { } orderId) => new RecordArrival(orderId, message.VehicleCode, message.OccurredAt, now),
            // No order behind it (one of dispatch's own transfers), or not an answer an allocation waits for: deliveries
            // come with their own message, loans and the catalogue follow the rest.
            (Cause.Reserved or Cause.TransferStarted or Cause.TransferArrived, null)
                or (Cause.ReservationReleased or Cause.Lent or Cause.Returned or Cause.Delivered or Cause.MaintenanceOpened or Cause.MaintenanceClosed or Cause.Retired, _) => null,
            _ => throw Cause.All.Unknown(message.Cause),
        };
        return answer is null ? Task.CompletedTask : session.AppendDecisionAsync<Allocation>(answer.OrderId, state => AllocationDecider.Decide(answer, state), cancellationToken);
    }
}

/// <summary>Fleet recorded the delivery the allocation confirmed: the unit is delivered.</summary>
public sealed class VehicleDeliveredConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<VehicleDeliveredConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleDelivered>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleDelivered message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.AppendDecisionAsync<Allocation>(
            message.OrderId, state => AllocationDecider.Decide(new RecordDelivery(message.OrderId, message.VehicleCode, message.OccurredAt, Clock.GetUtcNow()), state), cancellationToken);
}
