using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Simulation;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>What analysts and auditors ask: a vehicle as of a moment, at a version, and its history.</summary>
[Collection(FleetService.Collection)]
public sealed class TimeTravelTests(FleetService fleet)
{
    private static readonly DateTimeOffset Registered = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Reserved = new(2026, 6, 10, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Delivered = new(2026, 7, 1, 4, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-06-05T00:00:00Z", "InStock", 1)]
    [InlineData("2026-06-10T03:00:00Z", "Reserved", 2)]
    [InlineData("2026-06-20T00:00:00+08:00", "Reserved", 2)]
    [InlineData("2026-07-02T00:00:00Z", "Delivered", 3)]
    public async Task as_of_a_moment_the_vehicle_is_what_its_events_by_then_made_it(string asOf, string status, long version)
    {
        var code = await DeliveredVehicleAsync();

        var vehicle = await ReadAsync($"/api/fleet/vehicles/{code}?asOf={Uri.EscapeDataString(asOf)}");

        vehicle.GetProperty("status").GetString().Should().Be(status);
        vehicle.GetProperty("version").GetInt64().Should().Be(version);
    }

    [Theory]
    [InlineData(1, "InStock")]
    [InlineData(2, "Reserved")]
    [InlineData(3, "Delivered")]
    public async Task at_a_version_the_vehicle_is_what_its_first_events_made_it(long version, string status)
    {
        var code = await DeliveredVehicleAsync();

        var vehicle = await ReadAsync($"/api/fleet/vehicles/{code}?version={version}");

        vehicle.GetProperty("status").GetString().Should().Be(status);
    }

    [Theory]
    [InlineData("?asOf=2026-05-01T00:00:00Z", HttpStatusCode.NotFound)]
    [InlineData("?version=4", HttpStatusCode.NotFound)]
    [InlineData("?version=0", HttpStatusCode.BadRequest)]
    [InlineData("?version=2&asOf=2026-06-05T00:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("?asOf=last-tuesday", HttpStatusCode.BadRequest)]
    public async Task impossible_moments_and_versions_are_problems(string query, HttpStatusCode status)
    {
        var code = await DeliveredVehicleAsync();

        using var answer = await fleet.Api.GetAsync($"/api/fleet/vehicles/{code}{query}");

        answer.StatusCode.Should().Be(status, await answer.Content.ReadAsStringAsync());
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task the_history_lists_every_event_newest_first_with_its_times_user_and_correlation()
    {
        var code = await DeliveredVehicleAsync();

        var page = await ReadAsync($"/api/fleet/vehicles/{code}/history");
        var history = page.GetProperty("items").EnumerateArray().ToList();

        page.GetProperty("total").GetInt64().Should().Be(3);
        history.Select(e => e.GetProperty("type").GetString()).Should().Equal("vehicle_delivered_v1", "vehicle_reserved_v1", "vehicle_registered_v1");
        history.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(3, 2, 1);
        history.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).Should().Equal(Delivered, Reserved, Registered);
        history.Should().OnlyContain(e => e.GetProperty("recordedAt").GetDateTimeOffset() > Delivered, "recorded now, long after it occurred");
        history.Should().OnlyContain(e => e.GetProperty("user").GetString() == SignIn.Administrator);
        history.Should().OnlyContain(e => e.GetProperty("correlationId").GetString() == $"audit-{code}");
        history[0].GetProperty("data").GetProperty("customer").GetString().Should().Be("Hebei Steel");
    }

    private async Task<string> DeliveredVehicleAsync()
    {
        var code = FleetApi.NewCode();
        await SendAsync(code, "/api/fleet/vehicles", new { code, model = "MT-90E", category = "mining-truck", region = "east", warehouse = "wuxi-1", occurredAt = Registered });
        await SendAsync(code, $"/api/fleet/vehicles/{code}/reservation", new { orderId = "order-1", occurredAt = Reserved });
        await SendAsync(code, $"/api/fleet/vehicles/{code}/delivery", new { orderId = "order-1", customer = "Hebei Steel", site = "Tangshan mill", occurredAt = Delivered });
        return code;
    }

    private async Task SendAsync(string code, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-Id", $"audit-{code}");
        using var answer = await fleet.Api.SendAsync(request);
        answer.IsSuccessStatusCode.Should().BeTrue(await answer.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> ReadAsync(string path)
    {
        using var answer = await fleet.Api.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
