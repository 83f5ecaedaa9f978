using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Movements;
using JinGong.Domain;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;

namespace JinGong.Dispatch.Transfers;

/// <summary>What someone, or fleet's answer, asks of a transfer, with its business time and the clock's reading.</summary>
public abstract record TransferCommand(string TransferId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>Plan the move of a vehicle in stock to another warehouse, as dispatch's catalogue sees the vehicle.</summary>
public sealed record PlanTransfer(
    string TransferId, string VehicleCode, CatalogueVehicle? Vehicle, bool ClaimedByOrder, string ToWarehouse, string ToRegion, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : TransferCommand(TransferId, OccurredAt, Now);

/// <summary>The vehicle reached its destination warehouse.</summary>
public sealed record ReportTransferArrival(string TransferId, DateTimeOffset OccurredAt, DateTimeOffset Now) : TransferCommand(TransferId, OccurredAt, Now);

/// <summary>Fleet says what it did with the transfer's vehicle (<paramref name="Cause"/>: transfer-started, transfer-arrived) and when.</summary>
public sealed record FollowFleetTransfer(string TransferId, string Cause, DateTimeOffset OccurredAt, DateTimeOffset Now) : TransferCommand(TransferId, OccurredAt, Now);

/// <summary>Fleet refused to start the transfer, by <paramref name="Rule"/>.</summary>
public sealed record RecordTransferRefusal(string TransferId, string Rule, string Detail, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : TransferCommand(TransferId, OccurredAt, Now);

/// <summary>
/// The rules of a transfer: a vehicle in stock, promised to no order, to a warehouse other than its own; its
/// arrival is reported only while it travels. Fleet's answers are applied once.
/// </summary>
public static class TransferDecider
{
    /// <summary>Fleet sets off the vehicle of a transfer still requested, and lands one on its way (or being reported arrived).</summary>
    private static readonly MovementLifecycle<TransferStatus> WithFleet =
        new(Cause.TransferStarted, Cause.TransferArrived, TransferStatus.Requested, [TransferStatus.InTransit, TransferStatus.Arriving]);

    public static Decision Decide(TransferCommand command, Transfer? state) => (command, state) switch
    {
        (PlanTransfer plan, null) => Plan(plan),
        (PlanTransfer plan, _) => Decision.Reject(AlreadyPlanned(plan.TransferId)),
        (_, null) => Decision.Reject(NotFound(command.TransferId)),
        (ReportTransferArrival arrival, _) => ReportArrival(state, arrival.OccurredAt, arrival.Now),
        (FollowFleetTransfer answer, _) => WithFleet.Answered(
            state.Status, answer.Cause, new TransferStarted(state.TransferId, Learnt(answer, state)), new TransferArrived(state.TransferId, Learnt(answer, state))),
        (RecordTransferRefusal refusal, _) => WithFleet.Refused(state.Status, new TransferRefused(state.TransferId, refusal.Rule, refusal.Detail, Learnt(refusal, state))),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a transfer."),
    };

    private static Decision Plan(PlanTransfer plan) =>
        BusinessTime.Check(plan.OccurredAt, plan.Now, null, $"transfer {plan.TransferId}") is { } timeError ? Decision.Reject(timeError)
        : Availability.Check("transfer", plan.VehicleCode, plan.Vehicle, plan.ClaimedByOrder) is { } unavailable ? Decision.Reject(unavailable)
        : plan.Vehicle!.Warehouse == plan.ToWarehouse
            ? Decision.Reject(new("transfer-to-same-warehouse", $"Vehicle {plan.VehicleCode} is already at {plan.ToWarehouse}.", ErrorKind.Unprocessable))
        : Decision.Accept(new TransferPlanned(
            plan.TransferId, plan.VehicleCode, plan.Vehicle.Warehouse, plan.Vehicle.Region, plan.ToWarehouse, plan.ToRegion, plan.OccurredAt));

    private static Decision ReportArrival(Transfer state, DateTimeOffset occurredAt, DateTimeOffset now) =>
        BusinessTime.Check(occurredAt, now, state.LastOccurredAt, $"transfer {state.TransferId}") is { } timeError ? Decision.Reject(timeError)
        : state.Status != TransferStatus.InTransit
            ? Decision.Reject(new("transfer-not-in-transit", $"Transfer {state.TransferId} is {state.Status}; only a vehicle on its way arrives.", ErrorKind.Conflict))
        : Decision.Accept(new TransferArrivalReported(state.TransferId, state.VehicleCode, occurredAt));

    /// <summary>When fleet's answer is recorded on the transfer: at the time fleet gives it, never before the transfer's last event nor beyond now.</summary>
    private static DateTimeOffset Learnt(TransferCommand answer, Transfer state) => BusinessTime.Clamp(answer.OccurredAt, state.LastOccurredAt, answer.Now);

    public static DomainError NotFound(string transferId) => new("transfer-not-found", $"There is no transfer {transferId}.", ErrorKind.NotFound);

    public static DomainError AlreadyPlanned(string transferId) => new("transfer-already-planned", $"Transfer {transferId} exists already.", ErrorKind.Conflict);
}
