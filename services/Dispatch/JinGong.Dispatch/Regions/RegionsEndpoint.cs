namespace JinGong.Dispatch.Regions;

/// <summary>The company's sales regions and their home warehouses, as dispatch allocates by them: what clients offer to choose from.</summary>
public static class RegionsEndpoint
{
    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        api.MapGet("/regions", (RegionMap map) => TypedResults.Ok(map.Regions)).WithTags("Regions").WithName("ListRegions")
            .WithSummary("Each sales region with its home warehouse and where that is (Dispatch:Regions)");
        return api;
    }
}
