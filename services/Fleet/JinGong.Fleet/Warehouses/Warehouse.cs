using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Fleet.Warehouses;

/// <summary>A warehouse was opened: from then on vehicles are registered at it and transferred to it, in its region.</summary>
public sealed record WarehouseOpened(string Code, string Region, double Latitude, double Longitude, DateTimeOffset OccurredAt);

/// <summary>Open a warehouse in a region, at a place (degrees, WGS 84).</summary>
public sealed record OpenWarehouse(string Code, string Region, double Latitude, double Longitude, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// A warehouse [仓库]: reference data every vehicle's place is checked against, so a region is only ever written one way
/// (a vehicle's region is its warehouse's). Its stream is <see cref="StreamId"/>, apart from vehicle codes.
/// </summary>
public sealed record Warehouse(
    [property: Identity] string Id, string Code, string Region, double Latitude, double Longitude, DateTimeOffset OpenedAt) : IEvolving<Warehouse>
{
    /// <summary>A warehouse's stream: ':' is in no vehicle code, so no vehicle's stream can take a warehouse's.</summary>
    public static string StreamId(string code) => $"warehouse:{code}";

    [JasperFxIgnore]
    public static Warehouse? Evolve(Warehouse? state, object @event) => @event switch
    {
        WarehouseOpened opened => new(StreamId(opened.Code), opened.Code, opened.Region, opened.Latitude, opened.Longitude, opened.OccurredAt),
        _ => throw new UnknownEventException(typeof(Warehouse), @event),
    };
}

/// <summary>A warehouse as clients read it.</summary>
public sealed record WarehouseView(string Code, string Region, double Latitude, double Longitude, DateTimeOffset OpenedAt, long Version)
{
    public static WarehouseView From(Warehouse warehouse, long version) =>
        new(warehouse.Code, warehouse.Region, warehouse.Latitude, warehouse.Longitude, warehouse.OpenedAt, version);
}

/// <summary>The rules of warehouses, and of the places vehicles are put in by them.</summary>
public static class WarehouseDecider
{
    public static Decision Decide(OpenWarehouse command, Warehouse? state) =>
        state is not null ? Decision.Reject(AlreadyOpened(command.Code))
        : command.OccurredAt > command.Now ? Decision.Reject(BusinessTime.OccurredInFuture(command.OccurredAt, command.Now))
        : Decision.Accept(new WarehouseOpened(command.Code, command.Region, command.Latitude, command.Longitude, command.OccurredAt));

    /// <summary>
    /// The region a vehicle put in <paramref name="warehouse"/> (named <paramref name="code"/>) is in, or why it cannot be
    /// put there: the warehouse must be open, and a region named beside it must be its own.
    /// </summary>
    public static (string? Region, DomainError? Error) RegionOf(string code, Warehouse? warehouse, string? region) =>
        warehouse is null ? (null, new("unknown-warehouse", $"No warehouse is open under the code {code}: open it first.", ErrorKind.Unprocessable))
        : region is not null && region != warehouse.Region
            ? (null, new("warehouse-in-other-region", $"Warehouse {code} is in region {warehouse.Region}, not {region}.", ErrorKind.Unprocessable))
        : (warehouse.Region, null);

    public static DomainError AlreadyOpened(string code) =>
        new("warehouse-already-opened", $"Warehouse {code} is already open.", ErrorKind.Conflict);

    public static DomainError NotFound(string code) =>
        new("warehouse-not-found", $"No warehouse has the code {code}.", ErrorKind.NotFound);
}
