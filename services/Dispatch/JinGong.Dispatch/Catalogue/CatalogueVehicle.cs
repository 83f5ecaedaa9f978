using JasperFx;

namespace JinGong.Dispatch.Catalogue;

/// <summary>Dispatch learned from fleet that a vehicle exists: its own record of it, in its own store.</summary>
public sealed record VehicleCatalogued(
    string VehicleCode, string Model, string Category, string Region, string Warehouse, DateTimeOffset OccurredAt);

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
    DateTimeOffset RegisteredAt)
{
    public const string InStock = "InStock";

    public static CatalogueVehicle Create(VehicleCatalogued catalogued) =>
        new(catalogued.VehicleCode, catalogued.Model, catalogued.Category, catalogued.Region, catalogued.Warehouse, InStock, catalogued.OccurredAt);
}
