using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Warehouses;

/// <summary>
/// Warehouses as fleet's records: each region's home warehouse open from the start, others opened by fleet operations,
/// and a vehicle registered at or transferred to an open one only, in its region — so a region is written one way.
/// </summary>
[Collection(FleetService.Collection)]
public sealed class WarehouseApiTests(FleetService fleet)
{
    private static readonly string[] HomeWarehouses = ["wuxi-1", "tianjin-1", "wuhan-1", "guangzhou-1", "chengdu-1", "shenyang-1"];

    [Fact]
    public async Task each_region_s_home_warehouse_is_open_from_the_start()
    {
        var listed = (await fleet.GetOkAsync("/api/fleet/warehouses")).EnumerateArray()
            .Select(warehouse => (Code: warehouse.GetProperty("code").GetString(), Region: warehouse.GetProperty("region").GetString())).ToList();

        listed.Select(warehouse => warehouse.Code).Should().Contain(HomeWarehouses);
        listed.Should().Contain(("wuxi-1", "east")).And.Contain(("shenyang-1", "northeast"));
        listed.Should().BeInAscendingOrder(warehouse => warehouse.Region, StringComparer.Ordinal);
        (await fleet.GetOkAsync("/api/fleet/warehouses?region=north")).EnumerateArray().Select(warehouse => warehouse.GetProperty("region").GetString())
            .Should().NotBeEmpty().And.AllBe("north");
    }

    [Fact]
    public async Task a_warehouse_opened_is_read_back_listed_in_its_region_and_opened_only_once()
    {
        var (code, region) = (GatewayRequests.Unique("ningbo"), GatewayRequests.Unique("east"));
        var opening = new { code, region, latitude = 29.87, longitude = 121.55 };

        using var opened = await fleet.Api.PostAsJsonAsync("/api/fleet/warehouses", opening);
        var created = await opened.JsonAsync(HttpStatusCode.Created);
        opened.Headers.Location!.ToString().Should().Be($"/api/fleet/warehouses/{code}");
        created.GetProperty("region").GetString().Should().Be(region);
        (await fleet.GetOkAsync($"/api/fleet/warehouses/{code}")).GetProperty("latitude").GetDouble().Should().Be(29.87);
        (await fleet.GetOkAsync($"/api/fleet/warehouses?region={region}")).EnumerateArray().Select(warehouse => warehouse.GetProperty("code").GetString())
            .Should().Equal(code);

        using var again = await fleet.Api.PostAsJsonAsync("/api/fleet/warehouses", opening with { region = "west" });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "warehouse-already-opened");
        (await fleet.GetOkAsync($"/api/fleet/warehouses/{code}")).GetProperty("region").GetString().Should().Be(region);
    }

    [Theory]
    [InlineData("{\"code\":\"x 1\",\"region\":\"east\",\"latitude\":30,\"longitude\":120}", "code")]
    [InlineData("{\"code\":\"CODE\",\"region\":\"North China\",\"latitude\":30,\"longitude\":120}", "region")]
    [InlineData("{\"code\":\"CODE\",\"region\":\"east\",\"latitude\":91,\"longitude\":120}", "latitude")]
    [InlineData("{\"code\":\"CODE\",\"region\":\"east\",\"latitude\":30,\"longitude\":-181}", "longitude")]
    [InlineData("{\"code\":\"CODE\",\"region\":\"east\"}", "latitude")]
    public async Task a_bad_opening_is_refused_naming_its_field_and_opens_nothing(string body, string field)
    {
        var code = GatewayRequests.Unique("bad");
        using var refused = await fleet.Api.PostAsync("/api/fleet/warehouses", new StringContent(body.Replace("CODE", code), System.Text.Encoding.UTF8, "application/json"));

        await refused.ShouldBeValidationProblemAsync(field);
        using var read = await fleet.Api.GetAsync($"/api/fleet/warehouses/{code}");
        await read.ShouldBeProblemAsync(HttpStatusCode.NotFound, "warehouse-not-found");
    }

    [Fact]
    public async Task a_vehicle_is_registered_only_at_an_open_warehouse_and_takes_its_region()
    {
        var region = GatewayRequests.Unique("north");
        var yard = await fleet.Api.OpenWarehouseAsync(region);
        var (unknown, elsewhere, placed) = (FleetApi.NewCode(), FleetApi.NewCode(), FleetApi.NewCode());

        using (var atNoWarehouse = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(unknown, region, GatewayRequests.Unique("nowhere"))))
        {
            await atNoWarehouse.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-warehouse");
        }

        using (var inAnotherRegion = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(elsewhere, "North China", yard)))
        {
            await inAnotherRegion.ShouldBeValidationProblemAsync("region");
        }

        using (var inAnotherKnownRegion = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(elsewhere, "east", yard)))
        {
            await inAnotherKnownRegion.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "warehouse-in-other-region");
        }

        foreach (var refused in new[] { unknown, elsewhere })
        {
            (await fleet.Api.GetAsync($"/api/fleet/vehicles/{refused}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused registration records nothing");
        }

        using var registered = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", new { code = placed, model = "MT-90E", category = "mining-truck", warehouse = yard });
        (await registered.JsonAsync(HttpStatusCode.Created)).GetProperty("region").GetString().Should().Be(region, "a vehicle's region is its warehouse's");
    }

    [Fact]
    public async Task a_vehicle_is_transferred_only_to_an_open_warehouse_into_its_region()
    {
        var code = await fleet.RegisterAsync();

        using (var toNowhere = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/transfers", new { transferId = "t-1", toWarehouse = "nowhere-1" }))
        {
            await toNowhere.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-warehouse");
        }

        using (var intoAnotherRegion = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/transfers", new { transferId = "t-1", toWarehouse = "tianjin-1", toRegion = "south" }))
        {
            await intoAnotherRegion.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "warehouse-in-other-region");
        }

        (await fleet.VehicleVersionAsync(code)).Should().Be(1, "a refused transfer appends nothing");
        var started = await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/transfers", new { transferId = "t-1", toWarehouse = "tianjin-1" });
        started.GetProperty("transfer").GetProperty("toRegion").GetString().Should().Be("north", "the destination's region is implied");
    }

    [Fact]
    public async Task an_unknown_warehouse_is_not_found()
    {
        using var read = await fleet.Api.GetAsync("/api/fleet/warehouses/nowhere-9");
        var problem = await read.ShouldBeProblemAsync(HttpStatusCode.NotFound, "warehouse-not-found");
        problem.GetProperty("detail").GetString().Should().Contain("nowhere-9");
        (await fleet.GetOkAsync("/api/fleet/warehouses?region=nowhere")).EnumerateArray().Should().BeEmpty();
    }
}
