using JasperFx;
using JasperFx.Core;
using JinGong.Dispatch.Catalogue;
using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.EventSourcing;

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

/// <summary>Plan the move of a vehicle in stock to another warehouse, as dispatch's catalogue sees the vehicle.</summary>
public sealed record PlanTransfer(
    string TransferId, string VehicleCode, CatalogueVehicle? Vehicle, bool ClaimedByOrder, string ToWarehouse, string ToRegion, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// The rules of a transfer: a vehicle in stock, promised to no order, to a warehouse other than its own; its
/// arrival is reported only while it travels. Fleet's answers are applied once.
/// </summary>
public static class TransferDecider
{
    public static Decision Plan(PlanTransfer plan) =>
        BusinessTime.Check(plan.OccurredAt, plan.Now, null, $"transfer {plan.TransferId}") is { } timeError ? Decision.Reject(timeError)
        : Availability.Check("transfer", plan.VehicleCode, plan.Vehicle, plan.ClaimedByOrder) is { } unavailable ? Decision.Reject(unavailable)
        : plan.Vehicle!.Warehouse == plan.ToWarehouse
            ? Decision.Reject(new("transfer-to-same-warehouse", $"Vehicle {plan.VehicleCode} is already at {plan.ToWarehouse}.", ErrorKind.Unprocessable))
        : Decision.Accept(new TransferPlanned(
            plan.TransferId, plan.VehicleCode, plan.Vehicle.Warehouse, plan.Vehicle.Region, plan.ToWarehouse, plan.ToRegion, plan.OccurredAt));

    public static Decision ReportArrival(Transfer state, DateTimeOffset occurredAt, DateTimeOffset now) =>
        BusinessTime.Check(occurredAt, now, state.LastOccurredAt, $"transfer {state.TransferId}") is { } timeError ? Decision.Reject(timeError)
        : state.Status != TransferStatus.InTransit
            ? Decision.Reject(new("transfer-not-in-transit", $"Transfer {state.TransferId} is {state.Status}; only a vehicle on its way arrives.", ErrorKind.Conflict))
        : Decision.Accept(new TransferArrivalReported(state.TransferId, state.VehicleCode, occurredAt));

    public static IReadOnlyList<object> Answered(Transfer state, string cause, DateTimeOffset now) => (cause, state.Status) switch
    {
        ("transfer-started", TransferStatus.Requested) => [new TransferStarted(state.TransferId, now)],
        ("transfer-arrived", TransferStatus.InTransit or TransferStatus.Arriving) => [new TransferArrived(state.TransferId, now)],
        _ => [],
    };

    public static IReadOnlyList<object> Refused(Transfer state, string rule, string detail, DateTimeOffset now) =>
        state.Status == TransferStatus.Requested ? [new TransferRefused(state.TransferId, rule, detail, now)] : [];

    public static DomainError NotFound(string transferId) => new("transfer-not-found", $"There is no transfer {transferId}.", ErrorKind.NotFound);
}
