using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Fleet = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Transfers.FollowingFleet;

/// <summary>Fleet started or completed one of dispatch's transfers (those of allocations are followed by the allocation).</summary>
public sealed class TransferAnswersConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<TransferAnswersConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        Cause.All.Require(message.Cause) switch
        {
            Cause.TransferStarted or Cause.TransferArrived when message.TransferId is { } transferId =>
                // A transfer fleet made by hand is not dispatch's: not found, nothing to follow.
                session.AppendDecisionAsync<Transfer>(transferId, transfer => TransferDecider.Decide(new FollowFleetTransfer(transferId, message.Cause, message.OccurredAt, Clock.GetUtcNow()), transfer), cancellationToken),
            // Not a planned transfer's doing: allocations, loans and the catalogue follow the others.
            _ => Task.CompletedTask,
        };
}
