using JinGong.EventSourcing;
using JinGong.Fleet.Vehicles.Reading;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Fleet.Warehouses;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace JinGong.Fleet.Vehicles.Inventory;

/// <summary>One line of the inventory [库存表]: what a sales rep checks before promising a unit.</summary>
public sealed record InventoryLine(
    string Code, string Model, string Category, string Region, string Warehouse, VehicleStatus Status, string? Holder);

/// <summary>How many vehicles share a model, status, region and warehouse.</summary>
public sealed record InventoryCount(string Model, VehicleStatus Status, string Region, string Warehouse, int Count);

/// <summary>
/// The live inventory, read from the vehicles' inline snapshots (updated in the same transaction as every
/// append, so a write is visible at once), filterable by model, status, region and warehouse, searchable and sortable.
/// </summary>
public static class InventoryEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Inventory",
        "The live inventory [库存表]: vehicles by model, status, region and warehouse, listed and counted.");

    public static RouteGroupBuilder MapInventory(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/inventory").WithTag(Tag);
        inventory.MapGet("/", ListAsync).WithName("ListInventory").WithSummary("Every vehicle's model, status, region, warehouse and holder, a page at a time");
        inventory.MapGet("/counts", CountAsync).WithName("CountInventory").WithSummary("Vehicles counted by model × status × region × warehouse");
        inventory.MapGet("/positions", PositionsAsync).WithName("GetFleetPositions")
            .WithSummary("Every vehicle the filters choose where it was last known to be: its newest reading, or its warehouse while it stands there");
        return api;
    }

    /// <summary>The columns the inventory sorts by (<c>?sort=</c>, <c>-</c> before one for descending); by code otherwise.</summary>
    public static readonly SortColumns<Vehicle> Sorts = new SortColumns<Vehicle>("code", v => v.Code, fallback: "code")
        .By("model", v => v.Model)
        .By("category", v => v.Category)
        .By("region", v => v.Region)
        .By("warehouse", v => v.Warehouse)
        // In the order of a vehicle's life (in stock, reserved, on its way, …), as the status filter lists them.
        .By("status", v => v.Status);

    private static async Task<Results<Ok<Page<InventoryLine>>, ValidationProblem>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? model = null, VehicleStatus? status = null, string? region = null, string? warehouse = null, string? search = null, string? sort = null,
        int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = Page.Validate(page, pageSize);
        Sorts.Check(sort, errors);
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Stock is company-wide; who holds another region's vehicle is that region's business, so it is neither shown
        // nor searched by.
        var confinedTo = http.ConfinedTo();
        var found = Search(Filter(session, model, status, region, warehouse), search, confinedTo);
        return TypedResults.Ok(await Sorts.Apply(found, sort).PageAsync(page, pageSize,
            v => new InventoryLine(v.Code, v.Model, v.Category, v.Region, v.Warehouse, v.Status, VehicleRecords.HolderFor(confinedTo, v)), cancellationToken));
    }

    /// <summary>
    /// Vehicles whose code, model or warehouse — or, where the caller may see it, customer or borrower — begins with
    /// <paramref name="search"/> (<see cref="ListSearch"/>).
    /// </summary>
    private static IQueryable<Vehicle> Search(IQueryable<Vehicle> vehicles, string? search, string? confinedTo)
    {
        if (ListSearch.Of(search) is not { } start)
        {
            return vehicles;
        }

        const StringComparison AnyCase = ListSearch.AnyCase;
        return confinedTo is null
            ? vehicles.Where(v => v.Code.StartsWith(start, AnyCase) || v.Model.StartsWith(start, AnyCase) || v.Warehouse.StartsWith(start, AnyCase)
                || v.Customer!.StartsWith(start, AnyCase) || v.Loan!.Borrower.StartsWith(start, AnyCase))
            : vehicles.Where(v => v.Code.StartsWith(start, AnyCase) || v.Model.StartsWith(start, AnyCase) || v.Warehouse.StartsWith(start, AnyCase)
                || (v.Region == confinedTo && (v.Customer!.StartsWith(start, AnyCase) || v.Loan!.Borrower.StartsWith(start, AnyCase))));
    }

    private static async Task<Results<Ok<IReadOnlyList<InventoryCount>>, ValidationProblem>> CountAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? model = null, VehicleStatus? status = null, string? region = null, string? warehouse = null, string? search = null)
    {
        var errors = new Dictionary<string, string[]>();
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Only the four grouping fields leave the database; the grouping itself is cheap in memory.
        var keys = await Search(Filter(session, model, status, region, warehouse), search, http.ConfinedTo())
            .Select(v => new { v.Model, v.Status, v.Region, v.Warehouse })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InventoryCount>>([.. keys
            .GroupBy(key => key)
            .Select(group => new InventoryCount(group.Key.Model, group.Key.Status, group.Key.Region, group.Key.Warehouse, group.Count()))
            .OrderBy(count => count.Model).ThenBy(count => count.Status).ThenBy(count => count.Region).ThenBy(count => count.Warehouse)]);
    }

    private static async Task<Results<Ok<FleetPositions>, ValidationProblem>> PositionsAsync(
        HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken cancellationToken,
        string? model = null, VehicleStatus? status = null, string? region = null, string? warehouse = null, string? search = null)
    {
        var errors = new Dictionary<string, string[]>();
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var vehicles = await Search(Filter(session, model, status, region, warehouse), search, http.ConfinedTo())
            .OrderBy(v => v.Code).ToListAsync(cancellationToken);
        // Stock in a yard is company-wide; where another region's unit works is that region's customer's business.
        var shown = vehicles.Where(v => http.MayActIn(v.Region) || LastKnownPosition.IsParked(v)).ToList();
        var known = await LastKnownPosition.ReadAsync(dataSource, session, [.. shown.Select(v => v.Code)], cancellationToken);
        var yards = (await session.Query<Warehouse>().ToListAsync(cancellationToken)).ToDictionary(yard => yard.Code, StringComparer.Ordinal);
        var placed = shown
            .Select(v => known.TryGetValue(v.Code, out var facts) ? LastKnownPosition.Of(v, facts.StandingSince, facts.Newest, yards.GetValueOrDefault(v.Warehouse)) : null)
            .OfType<VehiclePosition>()
            .ToList();
        return TypedResults.Ok(new FleetPositions(placed, vehicles.Count - shown.Count, shown.Count - placed.Count));
    }

    private static IQueryable<Vehicle> Filter(IQuerySession session, string? model, VehicleStatus? status, string? region, string? warehouse) =>
        session.Query<Vehicle>()
            .WhereGiven(model, v => v.Model == model)
            .WhereGiven(status, v => v.Status == status)
            .WhereGiven(region, v => v.Region == region)
            .WhereGiven(warehouse, v => v.Warehouse == warehouse);
}
