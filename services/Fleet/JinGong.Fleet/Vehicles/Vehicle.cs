using JasperFx;

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

/// <summary>Production completed: the vehicle exists, in stock at its first warehouse.</summary>
public sealed record VehicleRegistered(
    string VehicleCode, string Model, string Category, string Region, string Warehouse, DateTimeOffset OccurredAt);

/// <summary>
/// A vehicle's record [设备档案] as its events tell it, keyed by its unique vehicle code [唯一整车编码].
/// Immutable: each event gives a new state.
/// </summary>
public sealed record Vehicle(
    [property: Identity] string Code,
    string Model,
    string Category,
    string Region,
    string Warehouse,
    VehicleStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastOccurredAt)
{
    public static Vehicle Create(VehicleRegistered registered) =>
        new(registered.VehicleCode, registered.Model, registered.Category, registered.Region, registered.Warehouse,
            VehicleStatus.InStock, registered.OccurredAt, registered.OccurredAt);
}
