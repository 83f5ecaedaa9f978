using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using JinGong.Fleet.Vehicles;
using JinGong.Testing;
using Marten;

namespace JinGong.Fleet.Tests.Vehicles;

[Collection(FleetService.Collection)]
public sealed class InventoryTests(FleetService fleet)
{
    [Fact]
    public async Task the_inventory_shows_each_vehicle_where_it_is_and_who_holds_it()
    {
        var model = $"INV-{Guid.NewGuid():N}"[..16];
        var (inStock, reserved, lent) = await ThreeVehiclesAsync(model);

        var lines = await ReadAsync($"/api/fleet/inventory?model={model}");

        lines.GetProperty("total").GetInt64().Should().Be(3);
        var byCode = lines.GetProperty("items").EnumerateArray().ToDictionary(line => line.GetProperty("code").GetString()!);
        byCode[inStock].GetProperty("status").GetString().Should().Be("InStock");
        byCode[inStock].GetProperty("holder").ValueKind.Should().Be(JsonValueKind.Null);
        byCode[reserved].GetProperty("holder").GetString().Should().Be("order order-1");
        byCode[lent].GetProperty("status").GetString().Should().Be("OnLoan");
        byCode[lent].GetProperty("holder").GetString().Should().Be("Shougang");
        (await ReadAsync($"/api/fleet/inventory?model={model}&status=OnLoan")).GetProperty("total").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task the_counts_group_vehicles_by_model_status_region_and_warehouse()
    {
        var model = $"INV-{Guid.NewGuid():N}"[..16];
        await ThreeVehiclesAsync(model);

        var counts = (await ReadAsync($"/api/fleet/inventory/counts?model={model}")).EnumerateArray()
            .Select(count => (Status: count.GetProperty("status").GetString(), Warehouse: count.GetProperty("warehouse").GetString(), Count: count.GetProperty("count").GetInt32()))
            .ToList();

        counts.Should().BeEquivalentTo([("InStock", "wuxi-1", 1), ("OnLoan", "wuxi-1", 1), ("Reserved", "wuxi-1", 1)]);
    }

    [Fact]
    public async Task the_live_inventory_equals_a_rebuild_from_the_events()
    {
        var model = $"INV-{Guid.NewGuid():N}"[..16];
        await ThreeVehiclesAsync(model);
        var live = (await ReadAsync($"/api/fleet/inventory?model={model}")).GetProperty("items").EnumerateArray().ToList();

        var fleetDb = await fleet.ConnectionStringAsync("fleetdb");
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(fleetDb);
            options.Events.StreamIdentity = StreamIdentity.AsString; // as AddEventStore sets it for every service
            options.ConfigureVehicles();
            options.AutoCreateSchemaObjects = AutoCreate.None; // read only: the service owns the schema
        });
        await using var session = store.QuerySession();
        foreach (var line in live)
        {
            var code = line.GetProperty("code").GetString()!;
            var rebuilt = (await session.Events.FetchStreamAsync(code)).Select(e => e.Data).Fold<Vehicle>()!;
            new { Status = line.GetProperty("status").GetString(), Warehouse = line.GetProperty("warehouse").GetString(), Region = line.GetProperty("region").GetString(), Holder = line.GetProperty("holder").GetString() }
                .Should().Be(new { Status = (string?)rebuilt.Status.ToString(), Warehouse = (string?)rebuilt.Warehouse, Region = (string?)rebuilt.Region, rebuilt.Holder });
        }
    }

    [Fact]
    public async Task a_search_finds_vehicles_by_the_start_of_their_code_model_or_holder_whatever_its_case()
    {
        var model = $"INV-{Guid.NewGuid():N}"[..16];
        var (inStock, _, lent) = await ThreeVehiclesAsync(model);

        async Task<IReadOnlyList<string>> FoundAsync(string search) =>
            Codes(await ReadAsync($"/api/fleet/inventory?model={model}&search={Uri.EscapeDataString(search)}"));

        (await FoundAsync(inStock.ToLowerInvariant())).Should().Equal([inStock], "a code is found by its start, in any case");
        (await FoundAsync(model.ToLowerInvariant()[..10])).Should().HaveCount(3);
        (await FoundAsync("  shou")).Should().Equal([lent], "the borrower holds it");
        (await FoundAsync("%")).Should().BeEmpty("a wildcard is searched for as itself");
        (await FoundAsync("_")).Should().BeEmpty();
        (await FoundAsync("nothing-starts-so")).Should().BeEmpty();
        (await ReadAsync($"/api/fleet/inventory/counts?model={model}&search=SHOU")).EnumerateArray().Select(count => count.GetProperty("status").GetString())
            .Should().Equal(["OnLoan"], "the counts count what the search finds");
    }

    [Fact]
    public async Task the_inventory_sorts_by_any_of_its_columns_either_way_then_by_code()
    {
        var model = $"INV-{Guid.NewGuid():N}"[..16];
        var (inStock, reserved, lent) = await ThreeVehiclesAsync(model);

        Codes(await ReadAsync($"/api/fleet/inventory?model={model}&sort=-status")).Should().Equal([lent, reserved, inStock], "statuses in the order of a vehicle's life, last first");
        Codes(await ReadAsync($"/api/fleet/inventory?model={model}&sort=STATUS")).Should().Equal([inStock, reserved, lent]);
        Codes(await ReadAsync($"/api/fleet/inventory?model={model}&sort=-code")).Should().Equal(new[] { inStock, reserved, lent }.OrderDescending(StringComparer.Ordinal));
        Codes(await ReadAsync($"/api/fleet/inventory?model={model}&sort=warehouse&pageSize=2&page=2")).Should().Equal(new[] { inStock, reserved, lent }.Order(StringComparer.Ordinal).Last());
    }

    [Fact]
    public async Task a_vehicle_is_found_by_its_code_typed_in_another_case_and_one_that_is_not_there_in_any_case_is_a_404()
    {
        var code = await fleet.RegisterAsync();
        var typed = code.ToLowerInvariant() == code ? code.ToUpperInvariant() : code.ToLowerInvariant();

        (await ReadAsync($"/api/fleet/vehicles/{typed}")).GetProperty("code").GetString().Should().Be(code);
        (await ReadAsync($"/api/fleet/vehicles/{typed}/history")).GetProperty("items").EnumerateArray().Single().GetProperty("streamId").GetString().Should().Be(code);
        using var missing = await fleet.Api.GetAsync($"/api/fleet/vehicles/{typed}-0");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound, await missing.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?pageSize=100000")]
    [InlineData("?status=Lost")]
    [InlineData("?sort=colour")]
    [InlineData("?sort=-")]
    [InlineData("?search=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task bad_paging_or_filters_are_400s(string query)
    {
        using var answer = await fleet.Api.GetAsync($"/api/fleet/inventory{query}");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, await answer.Content.ReadAsStringAsync());
    }

    private async Task<(string InStock, string Reserved, string Lent)> ThreeVehiclesAsync(string model)
    {
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var code = FleetApi.NewCode();
            (await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", new { code, model, category = "mining-truck", region = "east", warehouse = "wuxi-1" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            codes.Add(code);
        }

        (await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{codes[1]}/reservation", new { orderId = "order-1" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{codes[2]}/loans", new { loanId = "loan-1", borrower = "Shougang", site = "Qian'an", dueDate = "2030-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        return (codes[0], codes[1], codes[2]);
    }

    private static IReadOnlyList<string> Codes(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(line => line.GetProperty("code").GetString()!)];

    private async Task<JsonElement> ReadAsync(string path)
    {
        using var answer = await fleet.Api.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
