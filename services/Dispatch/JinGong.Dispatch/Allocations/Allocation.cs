using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Dispatch.Allocations;

/// <summary>
/// Where one unit of an order stands on its way to the customer. The allocation's document stores these as numbers
/// (Marten's default): a member keeps its number for good, and a new one takes the next free number.
/// </summary>
public enum UnitStatus
{
    /// <summary>No vehicle asked for yet.</summary>
    Waiting = 0,

    /// <summary>Fleet was asked to reserve a vehicle; no answer yet.</summary>
    Requested = 1,

    /// <summary>No vehicle of the model is free: served when one is registered or comes back.</summary>
    Backordered = 2,

    /// <summary>Reserved and in the order's region: ready for delivery.</summary>
    Reserved = 3,

    /// <summary>Reserved in another region; fleet was asked to send it to the order's region and has not set it off yet.</summary>
    AwaitingTransfer = 9,

    /// <summary>Fleet set it off: travelling to the order's region, its arrival can be reported.</summary>
    InTransit = 4,

    /// <summary>A delivery date and site are set.</summary>
    Scheduled = 5,

    /// <summary>Fleet was told the delivery took place; no answer yet.</summary>
    Delivering = 6,

    Delivered = 7,

    /// <summary>The order was cancelled and the vehicle given back.</summary>
    Released = 8,
}

/// <summary>An event of an allocation: dispatch's process (saga) that gets each unit of an order to its customer.</summary>
public interface IAllocationEvent
{
    string OrderId { get; }

    DateTimeOffset OccurredAt { get; }
}

public sealed record AllocationOpened(
    string OrderId, string Customer, string Region, string DeliverySite, IReadOnlyList<string> Models, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record ReservationRequested(string OrderId, int Unit, string VehicleCode, string VehicleRegion, string RequestId, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record UnitReserved(string OrderId, int Unit, string VehicleCode, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record ReservationRefused(string OrderId, int Unit, string VehicleCode, string Rule, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record UnitBackordered(string OrderId, int Unit, string Model, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record TransferRequested(
    string OrderId, int Unit, string VehicleCode, string TransferId, string ToWarehouse, string ToRegion, string RequestId, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record UnitTransferStarted(string OrderId, int Unit, string VehicleCode, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record ArrivalReported(string OrderId, int Unit, string VehicleCode, string TransferId, string RequestId, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record UnitArrived(string OrderId, int Unit, string VehicleCode, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record DeliveryScheduled(string OrderId, int Unit, string VehicleCode, DateOnly Date, string Site, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record DeliveryConfirmed(string OrderId, int Unit, string VehicleCode, string Customer, string Site, string RequestId, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record UnitDelivered(string OrderId, int Unit, string VehicleCode, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record AllocationCancelled(string OrderId, string Reason, DateTimeOffset OccurredAt) : IAllocationEvent;

public sealed record ReleaseRequested(string OrderId, int Unit, string VehicleCode, string RequestId, DateTimeOffset OccurredAt) : IAllocationEvent;

/// <summary>One unit of the order: its model, the vehicle serving it (if any) and how far it got.</summary>
public sealed record Unit(int Number, string Model, UnitStatus Status)
{
    public string? VehicleCode { get; init; }

    public string? VehicleRegion { get; init; }

    /// <summary>The request fleet will quote back when it refuses.</summary>
    public string? RequestId { get; init; }

    public string? TransferId { get; init; }

    public DateOnly? DeliveryDate { get; init; }

    public string? DeliverySite { get; init; }

    /// <summary>Vehicles fleet refused for this unit: not asked for again.</summary>
    public IReadOnlyList<string> Refused { get; init; } = [];

    /// <summary>Whether the unit still needs a vehicle found for it.</summary>
    public bool NeedsVehicle => Status is UnitStatus.Waiting or UnitStatus.Backordered;
}

/// <summary>
/// The allocation of one order [调度]: a unit per vehicle ordered, each with the vehicle found for it.
/// Immutable: each event gives a new state.
/// </summary>
public sealed record Allocation(
    [property: Identity] string OrderId,
    string Customer,
    string Region,
    string DeliverySite,
    IReadOnlyList<Unit> Units,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Allocation>
{
    public bool Cancelled { get; init; }

    public bool IsOpen => !Cancelled && Units.Any(unit => unit.Status is not (UnitStatus.Delivered or UnitStatus.Released));

    public Unit? UnitWith(string vehicleCode) => Units.FirstOrDefault(unit => unit.VehicleCode == vehicleCode && unit.Status != UnitStatus.Released);

    /// <summary>The state after one more event (from nothing for the opening).</summary>
    [JasperFxIgnore]
    public static Allocation? Evolve(Allocation? state, object @event) => (state, @event) switch
    {
        (_, AllocationOpened opened) =>
            new(opened.OrderId, opened.Customer, opened.Region, opened.DeliverySite,
                [.. opened.Models.Select((model, index) => new Unit(index + 1, model, UnitStatus.Waiting))], opened.OccurredAt, opened.OccurredAt),
        (null, IAllocationEvent) => null,
        (_, ReservationRequested e) => state.Change(e.Unit, e.OccurredAt,
            unit => unit with { Status = UnitStatus.Requested, VehicleCode = e.VehicleCode, VehicleRegion = e.VehicleRegion, RequestId = e.RequestId }),
        (_, UnitReserved e) => state.Change(e.Unit, e.OccurredAt,
            unit => unit with { Status = unit.VehicleRegion == state.Region ? UnitStatus.Reserved : UnitStatus.AwaitingTransfer }),
        (_, ReservationRefused e) => state.Change(e.Unit, e.OccurredAt,
            unit => unit with { Status = UnitStatus.Waiting, VehicleCode = null, VehicleRegion = null, RequestId = null, Refused = [.. unit.Refused, e.VehicleCode] }),
        (_, UnitBackordered e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.Backordered }),
        (_, TransferRequested e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { TransferId = e.TransferId, RequestId = e.RequestId }),
        (_, UnitTransferStarted e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.InTransit }),
        (_, ArrivalReported e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { RequestId = e.RequestId }),
        (_, UnitArrived e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.Reserved, VehicleRegion = state.Region }),
        (_, DeliveryScheduled e) =>
            state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.Scheduled, DeliveryDate = e.Date, DeliverySite = e.Site }),
        (_, DeliveryConfirmed e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.Delivering, RequestId = e.RequestId }),
        (_, UnitDelivered e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.Delivered }),
        (_, AllocationCancelled e) => state with
        {
            Cancelled = true,
            Units = [.. state.Units.Select(unit => unit.NeedsVehicle ? unit with { Status = UnitStatus.Released } : unit)],
            LastOccurredAt = e.OccurredAt,
        },
        (_, ReleaseRequested e) => state.Change(e.Unit, e.OccurredAt, unit => unit with { Status = UnitStatus.Released, RequestId = e.RequestId }),
        _ => throw new UnknownEventException(typeof(Allocation), @event),
    };

    private Allocation Change(int number, DateTimeOffset occurredAt, Func<Unit, Unit> change) =>
        this with
        {
            Units = [.. Units.Select(unit => unit.Number == number ? change(unit) : unit)],
            LastOccurredAt = occurredAt > LastOccurredAt ? occurredAt : LastOccurredAt,
        };
}
