using JinGong.EventSourcing;
using JinGong.Fleet.Vehicles.Reading;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Inventory;

/// <summary>One line of the inventory [库存表]: what a sales rep checks before promising a unit.</summary>
public sealed record InventoryLine(
    string Code, string Model, string Category, string Region, string Warehouse, VehicleStatus Status, string? Holder);

/// <summary>How many vehicles share a model, status, region and warehouse.</summary>
public sealed record InventoryCount(string Model, VehicleStatus Status, string Region, string Warehouse, int Count);

/// <summary>
/// The live inventory, read from the vehicles' inline snapshots (updated in the same transaction as every
/// append, so a write is visible at once), filterable by model, status, region and warehouse.
/// </summary>
public static class InventoryEndpoints
{
    public static RouteGroupBuilder MapInventory(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/inventory").WithTags("Inventory");
        inventory.MapGet("/", ListAsync).WithName("ListInventory").WithSummary("Every vehicle's model, status, region, warehouse and holder, a page at a time");
        inventory.MapGet("/counts", CountAsync).WithName("CountInventory").WithSummary("Vehicles counted by model × status × region × warehouse");
        return api;
    }

    private static async Task<Results<Ok<Page<InventoryLine>>, ValidationProblem>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? model = null, VehicleStatus? status = null, string? region = null, string? warehouse = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        // Stock is company-wide; who holds another region's vehicle is that region's business.
        var confinedTo = http.ConfinedTo();
        return TypedResults.Ok(await Filter(session, model, status, region, warehouse).OrderBy(v => v.Code).PageAsync(page, pageSize,
            v => new InventoryLine(v.Code, v.Model, v.Category, v.Region, v.Warehouse, v.Status, VehicleRecords.HolderFor(confinedTo, v)), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<InventoryCount>>> CountAsync(
        IQuerySession session, CancellationToken cancellationToken,
        string? model = null, VehicleStatus? status = null, string? region = null, string? warehouse = null)
    {
        // Only the four grouping fields leave the database; the grouping itself is cheap in memory.
        var keys = await Filter(session, model, status, region, warehouse)
            .Select(v => new { v.Model, v.Status, v.Region, v.Warehouse })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InventoryCount>>([.. keys
            .GroupBy(key => key)
            .Select(group => new InventoryCount(group.Key.Model, group.Key.Status, group.Key.Region, group.Key.Warehouse, group.Count()))
            .OrderBy(count => count.Model).ThenBy(count => count.Status).ThenBy(count => count.Region).ThenBy(count => count.Warehouse)]);
    }

    private static IQueryable<Vehicle> Filter(IQuerySession session, string? model, VehicleStatus? status, string? region, string? warehouse) =>
        session.Query<Vehicle>()
            .WhereGiven(model, v => v.Model == model)
            .WhereGiven(status, v => v.Status == status)
            .WhereGiven(region, v => v.Region == region)
            .WhereGiven(warehouse, v => v.Warehouse == warehouse);
}
