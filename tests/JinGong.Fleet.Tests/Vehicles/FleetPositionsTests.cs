using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Inventory;
using JinGong.Fleet.Warehouses;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>The fleet on a map: each vehicle where it was last known to be, its newest reading or the yard it stands in.</summary>
[Collection(FleetService.Collection)]
public sealed class FleetPositionsTests(FleetService fleet)
{
    private static readonly DateTimeOffset Registered = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Warehouse Yard = new("warehouse:wuxi-1", "wuxi-1", "east", 31.49, 120.31, Registered);
    private static readonly NewestReading AtThePit = new(Registered.AddDays(10), 41.07, 123.06);

    private static Vehicle VehicleIn(VehicleStatus status, VehicleStatus? before = null) =>
        new("JG-1", "WL-30E", "loader", "east", "wuxi-1", status, Registered, Registered) { StatusBeforeMaintenance = before };

    [Fact]
    public void a_unit_out_at_work_is_where_its_newest_reading_places_it()
    {
        foreach (var status in new[] { VehicleStatus.OnLoan, VehicleStatus.Delivered, VehicleStatus.InTransit, VehicleStatus.Retired })
        {
            LastKnownPosition.Of(VehicleIn(status), Registered.AddDays(5), AtThePit, Yard)
                .Should().Match<VehiclePosition>(p => p.Source == PositionSource.Reading && p.Latitude == 41.07 && p.Longitude == 123.06 && p.Since == AtThePit.At, status.ToString());
        }

        LastKnownPosition.Of(VehicleIn(VehicleStatus.InMaintenance, before: VehicleStatus.OnLoan), Registered.AddDays(20), AtThePit, Yard)!
            .Source.Should().Be(PositionSource.Reading, "a unit mended on its borrower's site is still there");
    }

    [Fact]
    public void a_unit_back_in_the_yard_since_its_last_reading_stands_at_its_warehouse()
    {
        var returned = AtThePit.At.AddDays(2);
        foreach (var (status, before) in new (VehicleStatus, VehicleStatus?)[]
                 { (VehicleStatus.InStock, null), (VehicleStatus.Reserved, null), (VehicleStatus.InMaintenance, VehicleStatus.InStock) })
        {
            LastKnownPosition.Of(VehicleIn(status, before), returned, AtThePit, Yard)
                .Should().Be(new VehiclePosition("JG-1", "WL-30E", "loader", status, "east", "wuxi-1", 31.49, 120.31, PositionSource.Warehouse, returned));
        }

        LastKnownPosition.Of(VehicleIn(VehicleStatus.InStock), AtThePit.At.AddDays(-1), AtThePit, Yard)!.Source
            .Should().Be(PositionSource.Reading, "a reading since it came back is newer news than the yard");
    }

    [Fact]
    public void a_unit_that_never_reported_is_at_its_warehouse_and_one_of_no_known_place_is_nowhere()
    {
        LastKnownPosition.Of(VehicleIn(VehicleStatus.InTransit), Registered.AddDays(3), null, Yard)
            .Should().Match<VehiclePosition>(p => p.Source == PositionSource.Warehouse && p.Since == Registered.AddDays(3));
        LastKnownPosition.Of(VehicleIn(VehicleStatus.InStock), Registered, null, null).Should().BeNull();
        LastKnownPosition.Of(VehicleIn(VehicleStatus.InStock), AtThePit.At.AddDays(1), AtThePit, null)
            .Should().BeNull("its last reading is from before it came back to a yard of unknown place");
    }

    [Fact]
    public async Task the_map_shows_each_vehicle_of_the_filters_at_its_newest_reading_or_its_yard()
    {
        var model = $"MAP-{Guid.NewGuid():N}"[..16];
        var (idle, working, back) = (await RegisterAsync(model), await RegisterAsync(model), await RegisterAsync(model));
        foreach (var code in new[] { working, back })
        {
            await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/loans", new { loanId = $"loan-{code}", borrower = "Angang", site = "Qidashan", dueDate = "2030-01-01", occurredAt = Registered.AddDays(1) });
            await UploadAsync(code, Registered.AddDays(2), 41.07, 123.06);
        }

        await fleet.PostOkAsync($"/api/fleet/vehicles/{back}/loans/return", new { loanId = $"loan-{back}", hoursUsed = 3, occurredAt = Registered.AddDays(3) });

        var map = await fleet.GetOkAsync($"/api/fleet/inventory/positions?model={model}");

        var byCode = map.GetProperty("vehicles").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, Where);
        byCode.Should().BeEquivalentTo(new Dictionary<string, (string, double, double, string)>
        {
            [idle] = ("Warehouse", 31.49, 120.31, "InStock"),
            [working] = ("Reading", 41.07, 123.06, "OnLoan"),
            [back] = ("Warehouse", 31.49, 120.31, "InStock"),
        });
        (map.GetProperty("withheld").GetInt32(), map.GetProperty("unplaced").GetInt32()).Should().Be((0, 0));
        (await fleet.GetOkAsync($"/api/fleet/inventory/positions?model={model}&status=OnLoan")).GetProperty("vehicles").EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()).Should().Equal([working], "the inventory's filters choose the vehicles");
    }

    [Fact]
    public async Task a_rep_sees_another_region_s_yard_stock_but_not_where_its_units_work()
    {
        var model = $"MAP-{Guid.NewGuid():N}"[..16];
        var (ownOut, otherInYard, otherOut) = (await RegisterAsync(model), await RegisterAsync(model, "north", "tianjin-1"), await RegisterAsync(model, "north", "tianjin-1"));
        foreach (var code in new[] { ownOut, otherOut })
        {
            await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/loans", new { loanId = $"loan-{code}", borrower = "Angang", site = "Qidashan", dueDate = "2030-01-01", occurredAt = Registered.AddDays(1) });
            await UploadAsync(code, Registered.AddDays(2), 41.07, 123.06);
        }

        using var rep = fleet.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        using var answer = await rep.GetAsync($"/api/fleet/inventory/positions?model={model}");
        var map = await answer.JsonAsync();

        map.GetProperty("vehicles").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Should().BeEquivalentTo([ownOut, otherInYard]);
        map.GetProperty("withheld").GetInt32().Should().Be(1, "the north's unit on loan is the north's business");
        (await fleet.GetOkAsync($"/api/fleet/inventory/positions?model={model}")).GetProperty("vehicles").GetArrayLength()
            .Should().Be(3, "the administrator sees every unit");
    }

    [Theory]
    [InlineData("?status=Lost")]
    [InlineData("?search=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task bad_filters_are_400s(string query)
    {
        using var answer = await fleet.Api.GetAsync($"/api/fleet/inventory/positions{query}");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, await answer.Content.ReadAsStringAsync());
    }

    private static (string, double, double, string) Where(JsonElement position) =>
        (position.GetProperty("source").GetString()!, position.GetProperty("latitude").GetDouble(), position.GetProperty("longitude").GetDouble(),
            position.GetProperty("status").GetString()!);

    private async Task<string> RegisterAsync(string model, string region = "east", string warehouse = "wuxi-1")
    {
        var code = FleetApi.NewCode();
        using var answer = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", new { code, model, category = "loader", region, warehouse, occurredAt = Registered });
        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        return code;
    }

    private async Task UploadAsync(string code, DateTimeOffset at, double latitude, double longitude) =>
        await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/usage", new
        {
            batchId = "b1", points = new[] { new { at, operatingHours = 10m, latitude, longitude }, new { at = at.AddHours(1), operatingHours = 11m, latitude, longitude } },
        });
}
