using JinGong.Http;

namespace JinGong.Dispatch.Regions;

/// <summary>The company's sales regions and their home warehouses, as dispatch allocates by them: what clients offer to choose from.</summary>
public static class RegionsEndpoint
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Regions",
        "The sales regions and the home warehouse of each (the company's regions, regions.json).");

    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        api.MapGet("/regions", (RegionMap map) => TypedResults.Ok(map.Regions)).WithTag(Tag).WithName("ListRegions")
            .WithSummary("Each sales region with its home warehouse and where that is (regions.json)");
        return api;
    }
}
