using JasperFx;
using JasperFx.Core;
using JinGong.Contracts.Fleet;
using JinGong.Domain;

namespace JinGong.Dispatch.Catalogue;

/// <summary>Dispatch learned from fleet that a vehicle exists: its own record of it, in its own store.</summary>
public sealed record VehicleCatalogued(
    string VehicleCode, string Model, string Category, string Region, string Warehouse, DateTimeOffset OccurredAt);

/// <summary>Dispatch learned from fleet that a vehicle's status changed (and where it is now, and for which order).</summary>
public sealed record VehicleStatusNoted(
    string VehicleCode, string Status, string Region, string Warehouse, string? OrderId, DateTimeOffset OccurredAt);

/// <summary>
/// Dispatch's picture of one vehicle, built only from fleet's integration events (never from fleet's
/// database): what allocation picks from.
/// </summary>
public sealed record CatalogueVehicle(
    [property: Identity] string Code,
    string Model,
    string Category,
    string Region,
    string Warehouse,
    string Status,
    DateTimeOffset RegisteredAt) : IEvolving<CatalogueVehicle>
{
    public const string InStock = VehicleStatuses.InStock;

    /// <summary>When fleet's latest change happened: an older one arriving late changes nothing.</summary>
    public DateTimeOffset LastChangedAt { get; init; } = RegisteredAt;

    public string? OrderId { get; init; }

    /// <summary>The state after one more event (from nothing for the cataloguing).</summary>
    [JasperFxIgnore]
    public static CatalogueVehicle? Evolve(CatalogueVehicle? state, object @event) => (state, @event) switch
    {
        (_, VehicleCatalogued catalogued) =>
            new(catalogued.VehicleCode, catalogued.Model, catalogued.Category, catalogued.Region, catalogued.Warehouse, InStock, catalogued.OccurredAt),
        (null, VehicleStatusNoted) => null,
        (_, VehicleStatusNoted noted) =>
            state with { Status = noted.Status, Region = noted.Region, Warehouse = noted.Warehouse, OrderId = noted.OrderId, LastChangedAt = noted.OccurredAt },
        _ => throw new UnknownEventException(typeof(CatalogueVehicle), @event),
    };
}
