using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>Telematics batches [轨迹]: validated, all or nothing, recorded once, placed in time however late, read back as a GeoJSON path.</summary>
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

    [Fact]
    public async Task a_long_path_is_simplified_on_the_server_to_at_most_max_points_keeping_its_ends()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("long-1", Day, hours: 0, count: 500));

        var path = await TrajectoryAsync(code, Day, Day.AddDays(30), maxPoints: 50);
        var all = await TrajectoryAsync(code, Day, Day.AddDays(30));

        var properties = path.GetProperty("properties");
        var times = properties.GetProperty("times").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
        (properties.GetProperty("readings").GetInt32(), properties.GetProperty("simplified").GetBoolean()).Should().Be((500, true));
        times.Should().HaveCountLessThanOrEqualTo(50).And.HaveCountGreaterThan(40).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (times[0], times[^1]).Should().Be((Day, Day.AddHours(499)), "the path starts and ends where its readings do");
        path.GetProperty("geometry").GetProperty("coordinates").GetArrayLength().Should().Be(times.Count);
        var hours = properties.GetProperty("operatingHours").EnumerateArray().Select(h => h.GetDecimal()).ToList();
        hours.Zip(times).Should().OnlyContain(point => point.First == (decimal)(point.Second - Day).TotalHours, "each point keeps its own reading's hours");
        (all.GetProperty("properties").GetProperty("simplified").GetBoolean(), all.GetProperty("properties").GetProperty("times").GetArrayLength())
            .Should().Be((false, 500), "500 readings are within the default of 2,000 points");
    }

    [Fact]
    public async Task a_path_over_many_days_says_exactly_how_many_readings_it_stands_for_however_they_arrived()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("days-2", Day.AddDays(2), hours: 48, count: 72));
        await PostOkAsync(code, Batch("days-1", Day, hours: 0, count: 40));
        await PostOkAsync(code, Batch("days-again", Day.AddHours(40), hours: 40, count: 20), "8 new readings, 12 stored already");

        // A reading every hour for five days. From 10:30 on the first day to 05:30 on the fifth: 11:00..23:00 (13) of day
        // one, days two to four whole (72), 00:00..05:00 (6) of day five: 91.
        var path = await TrajectoryAsync(code, Day.AddHours(10.5), Day.AddDays(4).AddHours(5.5), maxPoints: 10);

        var expected = Enumerable.Range(0, 120).Count(hour => hour is > 10 and <= 101);
        path.GetProperty("properties").GetProperty("readings").GetInt32().Should().Be(expected);
        path.GetProperty("properties").GetProperty("simplified").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task a_path_of_one_reading_is_a_point_and_of_none_an_empty_geometry()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("one-1", Day, hours: 7, count: 1));

        var one = await TrajectoryAsync(code, Day.AddHours(-1), Day.AddHours(1));
        var none = await TrajectoryAsync(code, Day.AddDays(1), Day.AddDays(2));

        one.GetProperty("geometry").GetProperty("type").GetString().Should().Be("Point");
        one.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).Should().Equal(118.18, 39.63);
        none.GetProperty("geometry").GetProperty("type").GetString().Should().Be("GeometryCollection");
        none.GetProperty("geometry").GetProperty("geometries").GetArrayLength().Should().Be(0);
        none.GetProperty("properties").GetProperty("readings").GetInt32().Should().Be(0);
    }

    [Theory]
    [InlineData("maxPoints=1", "maxPoints")]
    [InlineData("maxPoints=10001", "maxPoints")]
    [InlineData("from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z", "to")]
    public async Task a_path_asked_for_wrongly_names_the_field(string query, string field)
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));

        using var answer = await fleet.Api.GetAsync($"/api/fleet/vehicles/{code}/trajectory?{query}");

        await answer.ShouldBeValidationProblemAsync(field);
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
    public async Task a_late_batch_is_accepted_and_placed_in_time_among_the_stored_readings()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("late-2", Day.AddDays(1), hours: 524, count: 24));

        await PostOkAsync(code, Batch("late-1", Day, hours: 500, count: 24));

        var path = await TrajectoryAsync(code, Day, Day.AddDays(2));
        path.GetProperty("properties").GetProperty("operatingHours").EnumerateArray().Select(h => h.GetDecimal())
            .Should().Equal(Enumerable.Range(500, 48).Select(hours => (decimal)hours), "the late batch's readings come first, by time");
        (await fleet.VehicleVersionAsync(code)).Should().Be(3);
    }

    [Fact]
    public async Task a_reading_already_stored_is_not_stored_twice()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("twice-1", Day, hours: 0, count: 24));

        await PostOkAsync(code, Batch("twice-2", Day.AddHours(12), hours: 12, count: 24));
        await PostOkAsync(code, Batch("twice-3", Day.AddHours(3), hours: 3, count: 6));

        var path = await TrajectoryAsync(code, Day, Day.AddDays(3));
        path.GetProperty("properties").GetProperty("operatingHours").EnumerateArray().Select(h => h.GetDecimal())
            .Should().Equal(Enumerable.Range(0, 36).Select(hours => (decimal)hours));
        (await fleet.VehicleVersionAsync(code)).Should().Be(3, "the batch of readings all stored already recorded nothing new");
    }

    [Fact]
    public async Task a_late_reading_that_contradicts_its_neighbours_is_refused_naming_one_and_nothing_of_its_batch_is_stored()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        await PostOkAsync(code, Batch("n-1", Day, hours: 500, count: 2));
        await PostOkAsync(code, Batch("n-3", Day.AddDays(2), hours: 520, count: 2));

        // The day between: starts fine at 505 h, but its second reading (531 h) is above the 520 h stored after it.
        using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", new
        {
            batchId = "n-2",
            points = new[]
            {
                new { at = Day.AddDays(1), operatingHours = 505m, latitude = 39.63, longitude = 118.18 },
                new { at = Day.AddDays(1).AddHours(1), operatingHours = 531m, latitude = 39.63, longitude = 118.18 },
            },
        });

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "operating-hours-contradict-readings");
        problem.GetProperty("detail").GetString().Should().Contain("2026-10-03T00:00:00.0000000+00:00").And.Contain("520");
        (await TrajectoryAsync(code, Day, Day.AddDays(3))).GetProperty("properties").GetProperty("operatingHours").GetArrayLength()
            .Should().Be(4, "not even the batch's valid first reading is stored");
        (await fleet.VehicleVersionAsync(code)).Should().Be(3);
    }

    [Fact]
    public async Task readings_from_before_the_registration_are_refused()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));

        using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", Batch("early", Day.AddDays(-11), hours: 0, count: 2));

        await answer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "usage-before-registration");
    }

    [Fact]
    public async Task the_same_batch_sent_at_once_from_many_connections_is_recorded_once()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        var batch = Batch("at-once", Day, hours: 0, count: 100);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", batch);
            return answer.StatusCode;
        }));

        answers.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        (await fleet.VehicleVersionAsync(code)).Should().Be(2);
        (await TrajectoryAsync(code, Day, Day.AddDays(5))).GetProperty("properties").GetProperty("times").GetArrayLength().Should().Be(100);
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

    private async Task PostOkAsync(string code, object batch, string because = "")
    {
        using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", batch);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, $"{because} {await answer.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> TrajectoryAsync(string code, DateTimeOffset from, DateTimeOffset to, int? maxPoints = null)
    {
        using var answer = await fleet.Api.GetAsync(
            $"/api/fleet/vehicles/{code}/trajectory?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}"
            + (maxPoints is { } most ? $"&maxPoints={most}" : ""));
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
