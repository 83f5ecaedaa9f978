using System.Net;
using JinGong.Http.Security;
using JinGong.Simulation;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Access;

/// <summary>
/// Stock is company-wide: every vehicle's model, status, region and warehouse are shown to everyone. What ties a vehicle
/// to a customer — its holder, its record and history, its status spells, its trajectory — is its region's (docs/access.md).
/// </summary>
[Collection(FleetService.Collection)]
public sealed class RegionTests(FleetService fleet)
{
    [Fact]
    public async Task a_rep_sees_every_region_s_stock_but_only_their_own_region_s_holders_records_and_trajectories()
    {
        var (eastYard, northYard) = (GatewayRequests.Unique("wuxi"), GatewayRequests.Unique("tianjin"));
        var east = await fleet.RegisterAsync("east", eastYard);
        var north = await fleet.RegisterAsync("north", northYard);
        foreach (var code in new[] { east, north })
        {
            await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/reservation", new { orderId = $"order-of-{code}" });
        }

        using var rep = fleet.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");

        var ownLine = (await (await rep.GetAsync($"/api/fleet/inventory?warehouse={eastYard}")).JsonAsync()).GetProperty("items")[0];
        ownLine.GetProperty("holder").GetString().Should().Be($"order order-of-{east}");
        var otherLine = (await (await rep.GetAsync($"/api/fleet/inventory?warehouse={northYard}")).JsonAsync()).GetProperty("items")[0];
        otherLine.GetProperty("code").GetString().Should().Be(north, "another region's stock is shown");
        otherLine.GetProperty("status").GetString().Should().Be("Reserved");
        otherLine.GetProperty("holder").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "but not who holds it");
        (await fleet.GetOkAsync($"/api/fleet/inventory?warehouse={northYard}")).GetProperty("items")[0].GetProperty("holder").GetString()
            .Should().Be($"order order-of-{north}", "the administrator sees every holder");

        (await (await rep.GetAsync($"/api/fleet/vehicles/{east}")).JsonAsync()).GetProperty("code").GetString().Should().Be(east);
        foreach (var path in new[] { "", "/history", "/status-timeline", "/trajectory" })
        {
            using var refused = await rep.GetAsync($"/api/fleet/vehicles/{north}{path}");
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
            (await (await rep.GetAsync($"/api/fleet/vehicles/{east}{path}")).JsonAsync()).ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Undefined);
        }
    }

    [Fact]
    public async Task who_acted_and_in_which_flow_is_shown_to_auditors_executives_and_administrators_only()
    {
        var code = await fleet.RegisterAsync("east");
        using var rep = fleet.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        using var auditor = fleet.SignedInAs(GatewayRequests.Unique("audit"), [Roles.Auditor]);

        var told = (await (await rep.GetAsync($"/api/fleet/vehicles/{code}/history")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        told.GetProperty("type").GetString().Should().Be("vehicle_registered_v1", "the business facts are everyone's");
        foreach (var metadata in new[] { "user", "correlationId", "causationId" })
        {
            told.GetProperty(metadata).ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, $"a rep is not shown the {metadata}");
        }

        var audited = (await (await auditor.GetAsync($"/api/fleet/vehicles/{code}/history")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        audited.GetProperty("user").GetString().Should().Be(SignIn.Administrator);
        audited.GetProperty("correlationId").GetString().Should().NotBeNullOrEmpty();
    }
}
