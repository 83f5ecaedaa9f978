using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>Telematics batches [轨迹]: validated, all or nothing, recorded once, read back as a GeoJSON path.</summary>
[Collection(FleetService.Collection)]
public sealed class UsageTests(FleetService fleet)
{
    private static readonly DateTimeOffset Day = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task a_batch_is_recorded_once_and_its_path_read_back_in_order()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        var batch = Batch("b-1", Day, hours: 100, count: 24);

        using var first = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", batch);
        using var again = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", batch);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.OK, "a resent batch is recognised");
        (await fleet.VehicleVersionAsync(code)).Should().Be(2, "registered, then one usage report: the resend appended nothing");

        var path = await TrajectoryAsync(code, Day, Day.AddDays(1));
        var coordinates = path.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
        coordinates.Should().HaveCount(24);
        coordinates[0][0].GetDouble().Should().BeApproximately(118.18, 1e-9, "GeoJSON puts longitude first");
        coordinates[0][1].GetDouble().Should().BeApproximately(39.63, 1e-9);
        path.GetProperty("properties").GetProperty("times").EnumerateArray().Select(t => t.GetDateTimeOffset())
            .Should().BeInAscendingOrder().And.HaveCount(24);
    }

    [Fact]
    public async Task the_path_between_two_moments_holds_only_their_points()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("d-1", Day, hours: 0, count: 24));
        await PostOkAsync(code, Batch("d-2", Day.AddDays(1), hours: 24, count: 24));

        var path = await TrajectoryAsync(code, Day.AddHours(20), Day.AddDays(1).AddHours(3));

        path.GetProperty("properties").GetProperty("operatingHours").EnumerateArray().Select(h => h.GetDecimal())
            .Should().Equal(20, 21, 22, 23, 24, 25, 26, 27);
    }

    [Theory]
    [InlineData("latitude", 91.0, 118.0, 5.0, "points[1].latitude")]
    [InlineData("longitude", 39.0, -181.0, 5.0, "points[1].longitude")]
    [InlineData("hours", 39.0, 118.0, 0.5, "points[1].operatingHours")]
    public async Task a_batch_with_one_bad_point_is_refused_whole(string what, double latitude, double longitude, double hours, string field)
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        var batch = new
        {
            batchId = $"bad-{what}",
            points = new object[]
            {
                new { at = Day, operatingHours = 1.0m, latitude = 39.0, longitude = 118.0 },
                new { at = Day.AddHours(1), operatingHours = (decimal)hours, latitude, longitude },
            },
        };

        using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", batch);

        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
        (await fleet.VehicleVersionAsync(code)).Should().Be(1);
    }

    [Fact]
    public async Task readings_that_go_back_behind_the_last_batch_are_refused()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("r-1", Day, hours: 500, count: 2));

        using var earlier = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", Batch("r-2", Day.AddDays(-1), hours: 600, count: 2));
        using var fewerHours = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", Batch("r-3", Day.AddDays(1), hours: 10, count: 2));

        earlier.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await earlier.Content.ReadAsStringAsync()).Should().Contain("usage-before-last-reading");
        fewerHours.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await fewerHours.Content.ReadAsStringAsync()).Should().Contain("operating-hours-went-backwards");
        (await fleet.VehicleVersionAsync(code)).Should().Be(2);
    }

    private static object Batch(string batchId, DateTimeOffset start, decimal hours, int count) => new
    {
        batchId,
        points = Enumerable.Range(0, count).Select(i => new
        {
            at = start.AddHours(i),
            operatingHours = hours + i,
            latitude = 39.63 + (i * 0.001),
            longitude = 118.18 + (i * 0.001),
        }),
    };

    private async Task PostOkAsync(string code, object batch)
    {
        using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", batch);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> TrajectoryAsync(string code, DateTimeOffset from, DateTimeOffset to)
    {
        using var answer = await fleet.Api.GetAsync(
            $"/api/fleet/vehicles/{code}/trajectory?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
