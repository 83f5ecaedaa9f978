using JinGong.Http;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Catalogue;

public static class ListVehiclesEndpoint
{
    public static RouteGroupBuilder MapListVehicles(this RouteGroupBuilder vehicles)
    {
        vehicles.MapGet("/", ListAsync)
            .WithName("ListCatalogueVehicles")
            .WithSummary("The vehicles dispatch knows of, by code, a page at a time");
        return vehicles;
    }

    private static async Task<Results<Ok<Page<CatalogueVehicle>>, ValidationProblem>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken, int page = 1, int pageSize = Page.DefaultSize, string? region = null, string? model = null)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<CatalogueVehicle>().AsQueryable();
        if (region is not null)
        {
            query = query.Where(vehicle => vehicle.Region == region);
        }

        if (model is not null)
        {
            query = query.Where(vehicle => vehicle.Model == model);
        }

        var vehicles = await query.OrderBy(vehicle => vehicle.Code).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<CatalogueVehicle>([.. vehicles], page, pageSize, vehicles.TotalItemCount));
    }
}
