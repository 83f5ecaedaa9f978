using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Allocations.Assigning;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Regions;
using JinGong.Dispatch.Transfers;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Fleet = JinGong.Contracts.Fleet;
using Kind = JinGong.Contracts.Fleet.VehicleRequestKinds;

namespace JinGong.Dispatch.Integration;

/// <summary>
/// Fleet refused one of dispatch's requests: a loan or a planned transfer ends refused; a reservation's unit is given the
/// next candidate in the same decision.
/// </summary>
public sealed partial class VehicleRequestRefusedConsumer(
    IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<VehicleRequestRefusedConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleRequestRefused>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Fleet.VehicleRequestRefused message, IDocumentSession session, CancellationToken cancellationToken)
    {
        LogRefusal(logger, message.Request, message.VehicleCode, message.Rule, message.Detail);
        var now = Clock.GetUtcNow();
        // A loan's or a planned transfer's request id is its own id.
        switch (message.Request)
        {
            case Kind.Lend:
                await session.AppendDecisionAsync<Loan>(message.RequestId, loan => LoanDecider.Decide(new RecordRefusal(message.RequestId, message.Rule, message.Detail, message.OccurredAt, now), loan), cancellationToken);
                return;
            case Kind.Transfer:
                await session.AppendDecisionAsync<Transfer>(
                    message.RequestId, transfer => TransferDecider.Decide(new RecordTransferRefusal(message.RequestId, message.Rule, message.Detail, message.OccurredAt, now), transfer), cancellationToken);
                return;
            case Kind.Reserve when message.OrderId is { } orderId:
                // The next candidate is read before deciding, for every model of the allocation: the decision reassigns at once.
                var free = await Candidates.ForAllocationAsync(session, orderId, regions, cancellationToken);
                var refusal = new RecordReservationRefusal(orderId, message.RequestId, message.Rule, free, message.OccurredAt, now);
                await session.AppendDecisionAsync<Allocation>(orderId, state => AllocationDecider.Decide(refusal, state), cancellationToken);
                return;
            // A reservation dispatch did not ask for an order has nothing to follow; a request about a vehicle the
            // allocation already holds has no other to choose. The refusal is logged above.
            case Kind.Reserve or Kind.Release or Kind.Arrive or Kind.Return or Kind.Deliver:
                return;
            default:
                throw Kind.All.Unknown(message.Request);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet refused to {Request} vehicle {VehicleCode}: {Rule} ({Detail})")]
    private static partial void LogRefusal(ILogger logger, string request, string vehicleCode, string rule, string detail);
}
