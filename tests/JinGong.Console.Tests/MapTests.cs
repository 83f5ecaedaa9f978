using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// The maps over China's bundled province outlines (issue 27): the fleet map draws every vehicle of the demo company the
/// API places, a click on one opens its page, and a vehicle's path is drawn with the points the server simplified it to.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class MapTests(ConsoleFixture console)
{
    /// <summary>The map draws once ECharts and the positions have come, which on a loaded machine can take longer than 5 s.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Patiently = new() { Timeout = 30_000 };

    private HttpClient Api => console.System.Gateway;

    [Fact]
    public async Task the_fleet_map_draws_every_vehicle_the_api_places_and_a_click_on_one_opens_its_page()
    {
        var positions = await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory/positions");
        var placed = positions.GetProperty("vehicles").EnumerateArray().ToList();
        var fleet = (await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=1")).GetProperty("total").GetInt32();
        (placed.Count, positions.GetProperty("withheld").GetInt32(), positions.GetProperty("unplaced").GetInt32())
            .Should().Be((fleet, 0, 0), "every vehicle of the demo company is placed, by its readings or its yard");
        placed.Select(p => p.GetProperty("source").GetString()).Distinct().Should().BeEquivalentTo(["Reading", "Warehouse"]);

        var page = await console.OpenAsync("fleet-map", "/inventory", p => p.GetByTestId("inventory-row").First);
        var map = page.GetByTestId("fleet-map");
        await ScrollToAsync(map);
        await Expect(map).ToHaveAttributeAsync("data-state", "ready", Patiently);
        await Expect(map).ToHaveAttributeAsync("data-points", placed.Count.ToString(CultureInfo.InvariantCulture));
        await ConsoleFixture.ScreenshotAsync(page, "fleet-map");
        // Its export holds every vehicle drawn with where it is.
        var exported = (await Exported.CsvAsync(await page.RunAndWaitForDownloadAsync(() => map.GetByTestId("export-csv").ClickAsync()))).Skip(1).ToList();
        exported.Select(row => (row[0], double.Parse(row[2], CultureInfo.InvariantCulture), double.Parse(row[3], CultureInfo.InvariantCulture))).Should().BeEquivalentTo(
            placed.Select(p => (p.GetProperty("code").GetString(), p.GetProperty("latitude").GetDouble(), p.GetProperty("longitude").GetDouble())));

        // One vehicle found by its whole code: the map is centred on it, so it is under the canvas's middle.
        var code = placed.Select(p => p.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).Last();
        (await Api.GetFromJsonAsync<JsonElement>($"/api/fleet/inventory/positions?search={Uri.EscapeDataString(code)}"))
            .GetProperty("vehicles").GetArrayLength().Should().Be(1, "no other code begins with the last one");
        await page.GotoAsync($"/inventory?search={Uri.EscapeDataString(code)}");
        await ScrollToAsync(map);
        await Expect(map).ToHaveAttributeAsync("data-points", "1", Patiently);
        var canvas = map.Locator("canvas").First;
        await canvas.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var box = (await canvas.BoundingBoxAsync())!;
        // ECharts draws on the frame after its option is set: click until the page has left for the vehicle's.
        for (var attempt = 0; attempt < 20 && !new Uri(page.Url).AbsolutePath.StartsWith("/vehicles/", StringComparison.Ordinal); attempt++)
        {
            await canvas.ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height / 2 } });
            await page.WaitForTimeoutAsync(250);
        }

        await ConsoleFixture.PathAsync(page, at => at == $"/vehicles/{code}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(code);
    }

    [Fact]
    public async Task a_vehicle_s_path_is_drawn_with_the_points_the_server_simplified_it_to()
    {
        var (code, drawn, readings) = await LongestPathAsync();
        readings.Should().BeGreaterThan(drawn, "a year of hourly readings is simplified to at most 2,000 points");

        var page = await console.OpenAsync("vehicle-path", $"/vehicles/{code}", p => p.GetByTestId("vehicle-state"));
        var chart = page.GetByTestId("trajectory-chart");
        await ScrollToAsync(chart);
        await Expect(chart).ToHaveAttributeAsync("data-state", "ready", Patiently);
        await Expect(chart).ToHaveAttributeAsync("data-points", drawn.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("trajectory-simplified")).ToContainTextAsync(readings.ToString(CultureInfo.InvariantCulture));
        await ConsoleFixture.ScreenshotAsync(page, "vehicle-path");
    }

    /// <summary>
    /// Scrolls to a chart below the fold. Its placeholder is replaced by the chart once it comes near the screen, which can
    /// be while Playwright scrolls to it: the chart, now in its place, is scrolled to then.
    /// </summary>
    private static async Task ScrollToAsync(ILocator chart)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await chart.ScrollIntoViewIfNeededAsync();
                return;
            }
            catch (PlaywrightException detached) when (attempt < 3 && detached.Message.Contains("not attached", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Of the first page of the inventory, the vehicle whose path stands for the most readings: its points and readings.</summary>
    private async Task<(string Code, int Drawn, long Readings)> LongestPathAsync()
    {
        var longest = (Code: "", Drawn: 0, Readings: -1L);
        foreach (var line in (await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=50")).GetProperty("items").EnumerateArray())
        {
            var code = line.GetProperty("code").GetString()!;
            var path = await Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{Uri.EscapeDataString(code)}/trajectory");
            var readings = path.GetProperty("properties").GetProperty("readings").GetInt64();
            if (readings > longest.Readings)
            {
                longest = (code, path.GetProperty("properties").GetProperty("times").GetArrayLength(), readings);
            }
        }

        return longest;
    }
}
