using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

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
