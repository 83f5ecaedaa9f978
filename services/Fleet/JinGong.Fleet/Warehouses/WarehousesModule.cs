using JasperFx.Events.Projections;
using JinGong.Domain.Regions;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Warehouses;

/// <summary>The form fleet operations fill in to open a warehouse. <c>occurredAt</c> defaults to now.</summary>
public sealed record OpenWarehouseRequest(string? Code, string? Region, double? Latitude, double? Longitude, DateTimeOffset? OccurredAt);

/// <summary>
/// Warehouses [仓库] as fleet's records: opened by fleet operations, listed for every form that places a vehicle, and the
/// only places a vehicle is registered at or transferred to. Each region's home warehouse (<see cref="Region"/>) is opened
/// at start (<see cref="HomeWarehouses"/>).
/// </summary>
public static class WarehousesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Warehouses",
        "The warehouses [仓库] vehicles are kept at, each in one region: a vehicle is registered at, and transferred to, an open one.");

    public static readonly StreamKind<Warehouse, WarehouseView> Warehouses =
        new("Warehouse", WarehouseDecider.NotFound, Warehouse.Evolve, WarehouseView.From, e => ((WarehouseOpened)e).OccurredAt);

    public static void ConfigureWarehouses(this StoreOptions options)
    {
        // Inline: a vehicle may be registered at a warehouse the moment its opening is answered.
        options.Projections.Add(new EvolvingProjection<Warehouse>(typeof(WarehouseOpened)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<WarehouseOpened>("warehouse_opened_v1");
    }

    public static IHostApplicationBuilder AddHomeWarehouses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<HomeWarehouses>();
        return builder;
    }

    public static RouteGroupBuilder MapWarehouses(this RouteGroupBuilder api)
    {
        var warehouses = api.MapGroup("/warehouses").WithTag(Tag);
        warehouses.MapPost("/", OpenAsync).WithName("OpenWarehouse").WithSummary("Open a warehouse in a region")
            .RequireRoles(Roles.FleetOperations);
        warehouses.MapGet("/", ListAsync).WithName("ListWarehouses").WithSummary("The open warehouses, by region and code (?region= for one region's)");
        warehouses.MapGet("/{code}", GetAsync).WithName("GetWarehouse").WithSummary("One warehouse: its region and where it is");
        return api;
    }

    /// <summary>The open warehouse <paramref name="code"/> names, or null.</summary>
    public static Task<Warehouse?> FindAsync(this IQuerySession session, string code, CancellationToken cancellationToken) =>
        session.LoadAsync<Warehouse>(Warehouse.StreamId(code), cancellationToken);

    private static async Task<Results<Created<WarehouseView>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        OpenWarehouseRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Id("code", request.Code)
            .Id("region", request.Region)
            .Position(request.Latitude, request.Longitude);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var code = request.Code!.Trim();
        var now = clock.GetUtcNow();
        var command = new OpenWarehouse(code, request.Region!.Trim(), request.Latitude!.Value, request.Longitude!.Value, (request.OccurredAt ?? now).ToUniversalTime(), now);
        return await session.StartAsync(
            Warehouses, Warehouse.StreamId(code), $"/api/fleet/warehouses/{Uri.EscapeDataString(code)}", http,
            current => WarehouseDecider.Decide(command, current), WarehouseDecider.AlreadyOpened(code), cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<WarehouseView>>> ListAsync(IQuerySession session, CancellationToken cancellationToken, string? region = null)
    {
        var warehouses = session.Query<Warehouse>();
        var found = string.IsNullOrEmpty(region) ? warehouses : warehouses.Where(warehouse => warehouse.Region == region);
        var listed = await found.OrderBy(warehouse => warehouse.Region).ThenBy(warehouse => warehouse.Code).ToListAsync(cancellationToken);
        // Opening is a warehouse's only event: every listed one is at version 1.
        return TypedResults.Ok<IReadOnlyList<WarehouseView>>([.. listed.Select(warehouse => WarehouseView.From(warehouse, 1))]);
    }

    private static async Task<Results<Ok<WarehouseView>, ProblemHttpResult>> GetAsync(string code, IQuerySession session, CancellationToken cancellationToken) =>
        await session.FindAsync(code, cancellationToken) is { } warehouse
            ? TypedResults.Ok(WarehouseView.From(warehouse, 1))
            : Problems.From(WarehouseDecider.NotFound(code));
}
