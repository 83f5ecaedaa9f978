using JasperFx;
using JasperFx.Core;
using JinGong.Dispatch.Catalogue;
using JinGong.Domain;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;

namespace JinGong.Dispatch.Transfers;

public enum TransferStatus
{
    Requested,
    InTransit,
    Arriving,
    Arrived,
    Refused,
}

/// <summary>An event of a transfer between warehouses that no order asked for (restocking a region).</summary>
public interface ITransferEvent
{
    string TransferId { get; }

    DateTimeOffset OccurredAt { get; }
}

public sealed record TransferPlanned(
    string TransferId, string VehicleCode, string FromWarehouse, string FromRegion, string ToWarehouse, string ToRegion, DateTimeOffset OccurredAt) : ITransferEvent;

public sealed record TransferStarted(string TransferId, DateTimeOffset OccurredAt) : ITransferEvent;

public sealed record TransferRefused(string TransferId, string Rule, string Detail, DateTimeOffset OccurredAt) : ITransferEvent;

public sealed record TransferArrivalReported(string TransferId, string VehicleCode, DateTimeOffset OccurredAt) : ITransferEvent;

public sealed record TransferArrived(string TransferId, DateTimeOffset OccurredAt) : ITransferEvent;

/// <summary>A transfer as dispatch follows it. Immutable: each event gives a new state.</summary>
public sealed record Transfer(
    [property: Identity] string TransferId,
    string VehicleCode,
    string FromWarehouse,
    string ToWarehouse,
    string ToRegion,
    TransferStatus Status,
    DateTimeOffset PlannedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Transfer>
{
    public string? RefusedFor { get; init; }

    /// <summary>The state after one more event (from nothing for the plan).</summary>
    [JasperFxIgnore]
    public static Transfer? Evolve(Transfer? state, object @event) => (state, @event) switch
    {
        (_, TransferPlanned planned) =>
            new(planned.TransferId, planned.VehicleCode, planned.FromWarehouse, planned.ToWarehouse, planned.ToRegion, TransferStatus.Requested, planned.OccurredAt, planned.OccurredAt),
        (null, ITransferEvent) => null,
        (_, TransferStarted e) => state with { Status = TransferStatus.InTransit, LastOccurredAt = e.OccurredAt },
        (_, TransferRefused e) => state with { Status = TransferStatus.Refused, RefusedFor = e.Rule, LastOccurredAt = e.OccurredAt },
        (_, TransferArrivalReported e) => state with { Status = TransferStatus.Arriving, LastOccurredAt = e.OccurredAt },
        (_, TransferArrived e) => state with { Status = TransferStatus.Arrived, LastOccurredAt = e.OccurredAt },
        _ => throw new UnknownEventException(typeof(Transfer), @event),
    };
}

/// <summary>What someone, or fleet's answer, asks of a transfer, with its business time and the clock's reading.</summary>
public abstract record TransferCommand(string TransferId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>Plan the move of a vehicle in stock to another warehouse, as dispatch's catalogue sees the vehicle.</summary>
public sealed record PlanTransfer(
    string TransferId, string VehicleCode, CatalogueVehicle? Vehicle, bool ClaimedByOrder, string ToWarehouse, string ToRegion, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : TransferCommand(TransferId, OccurredAt, Now);

/// <summary>The vehicle reached its destination warehouse.</summary>
public sealed record ReportTransferArrival(string TransferId, DateTimeOffset OccurredAt, DateTimeOffset Now) : TransferCommand(TransferId, OccurredAt, Now);

/// <summary>Fleet says what it did with the transfer's vehicle (<paramref name="Cause"/>: transfer-started, transfer-arrived).</summary>
public sealed record FollowFleetTransfer(string TransferId, string Cause, DateTimeOffset Now) : TransferCommand(TransferId, Now, Now);

/// <summary>Fleet refused to start the transfer, by <paramref name="Rule"/>.</summary>
public sealed record RecordTransferRefusal(string TransferId, string Rule, string Detail, DateTimeOffset Now) : TransferCommand(TransferId, Now, Now);

/// <summary>
/// The rules of a transfer: a vehicle in stock, promised to no order, to a warehouse other than its own; its
/// arrival is reported only while it travels. Fleet's answers are applied once.
/// </summary>
public static class TransferDecider
{
    public static Decision Decide(TransferCommand command, Transfer? state) => (command, state) switch
    {
        (PlanTransfer plan, null) => Plan(plan),
        (PlanTransfer plan, _) => Decision.Reject(new("transfer-already-planned", $"Transfer {plan.TransferId} exists already.", ErrorKind.Conflict)),
        (_, null) => Decision.Reject(NotFound(command.TransferId)),
        (ReportTransferArrival arrival, _) => ReportArrival(state, arrival.OccurredAt, arrival.Now),
        (FollowFleetTransfer answer, _) => Decision.Accept([.. Answered(state, answer.Cause, answer.Now)]),
        (RecordTransferRefusal refusal, _) =>
            Decision.Accept([.. state.Status == TransferStatus.Requested ? [new TransferRefused(state.TransferId, refusal.Rule, refusal.Detail, refusal.Now)] : Array.Empty<object>()]),
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

    private static IReadOnlyList<object> Answered(Transfer state, string cause, DateTimeOffset now) => (cause, state.Status) switch
    {
        (Cause.TransferStarted, TransferStatus.Requested) => [new TransferStarted(state.TransferId, now)],
        (Cause.TransferArrived, TransferStatus.InTransit or TransferStatus.Arriving) => [new TransferArrived(state.TransferId, now)],
        _ => [],
    };

    public static DomainError NotFound(string transferId) => new("transfer-not-found", $"There is no transfer {transferId}.", ErrorKind.NotFound);
}
