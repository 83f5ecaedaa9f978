using System.Net;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>
/// A record's history is read a page at a time, newest first, as every list pages (<c>?page=&amp;pageSize=</c>, with the
/// total): the console shows a long record's latest events without reading the whole of it.
/// </summary>
[Collection(FleetService.Collection)]
public sealed class HistoryPagingTests(FleetService fleet)
{
    [Fact]
    public async Task the_history_is_paged_newest_first_and_says_how_many_events_there_are_in_all()
    {
        var code = await VehicleWithSevenEventsAsync();

        var first = await fleet.GetOkAsync($"/api/fleet/vehicles/{code}/history?pageSize=3");
        Versions(first).Should().Equal(7, 6, 5);
        (first.GetProperty("pageNumber").GetInt32(), first.GetProperty("pageSize").GetInt32(), first.GetProperty("total").GetInt64()).Should().Be((1, 3, 7));
        first.GetProperty("items")[0].GetProperty("type").GetString().Should().Be("maintenance_closed_v1");

        Versions(await fleet.GetOkAsync($"/api/fleet/vehicles/{code}/history?pageSize=3&page=2")).Should().Equal(4, 3, 2);
        var last = await fleet.GetOkAsync($"/api/fleet/vehicles/{code}/history?page=3&pageSize=3");
        Versions(last).Should().Equal(1);
        last.GetProperty("items")[0].GetProperty("type").GetString().Should().Be("vehicle_registered_v1");
        var beyond = await fleet.GetOkAsync($"/api/fleet/vehicles/{code}/history?page=4&pageSize=3");
        Versions(beyond).Should().BeEmpty("there is no fourth page of seven events three a page");
        beyond.GetProperty("total").GetInt64().Should().Be(7);
    }

    [Fact]
    public async Task without_paging_the_history_answers_its_first_page_of_the_usual_size()
    {
        var code = await VehicleWithSevenEventsAsync();

        var history = await fleet.GetOkAsync($"/api/fleet/vehicles/{code}/history");

        Versions(history).Should().Equal(7, 6, 5, 4, 3, 2, 1);
        (history.GetProperty("pageNumber").GetInt32(), history.GetProperty("pageSize").GetInt32()).Should().Be((1, 50));
        (await fleet.GetOkAsync($"/api/fleet/vehicles/{code}/history?page=1000000&pageSize=500")).GetProperty("items").GetArrayLength()
            .Should().Be(0, "the last page number allowed is answered, empty");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=1000001", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=-20", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=2147483647", "pageSize")]
    [InlineData("pageSize=twenty", "pageSize")]
    public async Task paging_outside_its_bounds_or_not_a_number_is_a_400_naming_the_parameter(string query, string field)
    {
        var code = await fleet.RegisterAsync();

        using var answer = await fleet.Api.GetAsync($"/api/fleet/vehicles/{code}/history?{query}");

        await answer.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task paging_is_checked_before_the_vehicle_is_looked_for_and_a_vehicle_that_is_not_there_is_a_404()
    {
        using var bad = await fleet.Api.GetAsync($"/api/fleet/vehicles/{FleetApi.NewCode()}/history?page=0");
        await bad.ShouldBeValidationProblemAsync("page");

        using var missing = await fleet.Api.GetAsync($"/api/fleet/vehicles/{FleetApi.NewCode()}/history?page=2");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound, await missing.Content.ReadAsStringAsync());
    }

    /// <summary>Registered, then three times into maintenance and out again: seven events.</summary>
    private async Task<string> VehicleWithSevenEventsAsync()
    {
        var code = await fleet.RegisterAsync();
        for (var visit = 0; visit < 3; visit++)
        {
            await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/maintenance", new { reason = $"inspection {visit + 1}" });
            await fleet.PostOkAsync($"/api/fleet/vehicles/{code}/maintenance/close", new { outcome = "passed" });
        }

        return code;
    }

    private static IEnumerable<long> Versions(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("version").GetInt64());
}
