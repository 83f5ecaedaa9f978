using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Fleet.Vehicles;

public enum VehicleStatus
{
    InStock,
    Reserved,
    InTransit,
    OnLoan,
    Delivered,
    InMaintenance,
    Retired,
}

/// <summary>An event of a vehicle's life. OccurredAt is business time (UTC): when it happened in the yard.</summary>
public interface IVehicleEvent
{
    string VehicleCode { get; }

    DateTimeOffset OccurredAt { get; }
}

// The events of a vehicle's life, in the domain's words.

/// <summary>Production completed: the vehicle exists, in stock at its first warehouse.</summary>
public sealed record VehicleRegistered(
    string VehicleCode, string Model, string Category, string Region, string Warehouse, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleReserved(string VehicleCode, string OrderId, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleReservationReleased(string VehicleCode, string OrderId, string Reason, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleTransferStarted(
    string VehicleCode, string TransferId, string FromWarehouse, string ToWarehouse, string ToRegion, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleTransferArrived(string VehicleCode, string TransferId, string Warehouse, string Region, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleLent(string VehicleCode, string LoanId, string Borrower, string Site, DateOnly DueDate, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleReturned(string VehicleCode, string LoanId, decimal HoursUsed, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleDelivered(string VehicleCode, string OrderId, string Customer, string Site, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record MaintenanceOpened(string VehicleCode, string Reason, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record MaintenanceClosed(string VehicleCode, string Outcome, DateTimeOffset OccurredAt) : IVehicleEvent;

public sealed record VehicleRetired(string VehicleCode, string Reason, DateTimeOffset OccurredAt) : IVehicleEvent;

/// <summary>
/// A telematics batch was recorded: a summary of the readings it added (<paramref name="Points"/> of them, from
/// <paramref name="From"/> to <paramref name="To"/>; the readings themselves are stored beside the stream, in
/// <see cref="Usage.VehicleReadings"/>). A late batch may lie before earlier ones; OccurredAt is the later of its last
/// reading and the vehicle's previous event, so business time never goes back on the stream.
/// </summary>
public sealed record UsageReported(
    string VehicleCode, string BatchId, int Points, DateTimeOffset From, DateTimeOffset To,
    decimal OperatingHoursFrom, decimal OperatingHoursTo, DateTimeOffset OccurredAt) : IVehicleEvent;

/// <summary>
/// Fleet refused something dispatch asked of the vehicle (<paramref name="Request"/>: reserve, transfer, lend, ...),
/// naming the rule; kept on the vehicle's record so the refusal is published as reliably as any change. The
/// vehicle itself does not change.
/// </summary>
public sealed record VehicleRequestRefused(
    string VehicleCode, string RequestId, string Request, string? OrderId, string Rule, string Detail, DateTimeOffset OccurredAt) : IVehicleEvent;

/// <summary>A loan [外借] in progress: to whom, where, until when.</summary>
public sealed record Loan(string LoanId, string Borrower, string Site, DateOnly DueDate);

/// <summary>A move between warehouses in progress.</summary>
public sealed record Transfer(string TransferId, string ToWarehouse, string ToRegion);

/// <summary>
/// A vehicle's record [设备档案] as its events tell it, keyed by its unique vehicle code [唯一整车编码].
/// Immutable: each event gives a new state (Evolve).
/// </summary>
public sealed record Vehicle(
    [property: Identity] string Code,
    string Model,
    string Category,
    string Region,
    string Warehouse,
    VehicleStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Vehicle>
{
    /// <summary>The order this vehicle is promised to, if any; kept while it travels to that order's region.</summary>
    public string? ReservedFor { get; init; }

    public Loan? Loan { get; init; }

    public Transfer? Transfer { get; init; }

    /// <summary>Where the vehicle returns to when its maintenance closes.</summary>
    public VehicleStatus? StatusBeforeMaintenance { get; init; }

    /// <summary>The customer it was delivered to.</summary>
    public string? Customer { get; init; }

    /// <summary>The latest telematics reading: cumulative operating hours never go backwards.</summary>
    public decimal? OperatingHours { get; init; }

    public DateTimeOffset? LastUsageAt { get; init; }

    /// <summary>Who has the vehicle now: its customer, its borrower, the order it is promised to, or nobody (the company).</summary>
    public string? Holder => Customer ?? Loan?.Borrower ?? (ReservedFor is null ? null : $"order {ReservedFor}");

    /// <summary>The state after one more event: from nothing for the registration; a refusal leaves the vehicle as it was.</summary>
    [JasperFxIgnore]
    public static Vehicle? Evolve(Vehicle? state, object @event) => (state, @event) switch
    {
        (_, VehicleRegistered registered) =>
            new(registered.VehicleCode, registered.Model, registered.Category, registered.Region, registered.Warehouse,
                VehicleStatus.InStock, registered.OccurredAt, registered.OccurredAt),
        (null, IVehicleEvent) => null,
        (_, VehicleReserved reserved) =>
            state with { Status = VehicleStatus.Reserved, ReservedFor = reserved.OrderId, LastOccurredAt = reserved.OccurredAt },
        (_, VehicleReservationReleased released) => state with
        {
            Status = state.Status == VehicleStatus.Reserved ? VehicleStatus.InStock : state.Status,
            ReservedFor = null,
            LastOccurredAt = released.OccurredAt,
        },
        (_, VehicleTransferStarted started) => state with
        {
            Status = VehicleStatus.InTransit,
            Transfer = new Transfer(started.TransferId, started.ToWarehouse, started.ToRegion),
            LastOccurredAt = started.OccurredAt,
        },
        (_, VehicleTransferArrived arrived) => state with
        {
            Status = state.ReservedFor is null ? VehicleStatus.InStock : VehicleStatus.Reserved,
            Warehouse = arrived.Warehouse,
            Region = arrived.Region,
            Transfer = null,
            LastOccurredAt = arrived.OccurredAt,
        },
        (_, VehicleLent lent) => state with
        {
            Status = VehicleStatus.OnLoan,
            Loan = new Loan(lent.LoanId, lent.Borrower, lent.Site, lent.DueDate),
            LastOccurredAt = lent.OccurredAt,
        },
        (_, VehicleReturned returned) => state with { Status = VehicleStatus.InStock, Loan = null, LastOccurredAt = returned.OccurredAt },
        (_, VehicleDelivered delivered) =>
            state with { Status = VehicleStatus.Delivered, Customer = delivered.Customer, LastOccurredAt = delivered.OccurredAt },
        (_, MaintenanceOpened opened) =>
            state with { Status = VehicleStatus.InMaintenance, StatusBeforeMaintenance = state.Status, LastOccurredAt = opened.OccurredAt },
        (_, MaintenanceClosed closed) => state with
        {
            Status = state.StatusBeforeMaintenance ?? VehicleStatus.InStock,
            StatusBeforeMaintenance = null,
            LastOccurredAt = closed.OccurredAt,
        },
        (_, VehicleRetired retired) => state with { Status = VehicleStatus.Retired, LastOccurredAt = retired.OccurredAt },
        // A late batch, older than the last reading, leaves the meter where the newest reading put it.
        (_, UsageReported usage) when usage.To < state.LastUsageAt => state with { LastOccurredAt = usage.OccurredAt },
        (_, UsageReported usage) =>
            state with { OperatingHours = usage.OperatingHoursTo, LastUsageAt = usage.To, LastOccurredAt = usage.OccurredAt },
        (_, VehicleRequestRefused) => state,
        _ => throw new UnknownEventException(typeof(Vehicle), @event),
    };
}
