using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Fleet;
using JinGong.Simulation;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.Flows.Tests.Publishing;

/// <summary>
/// Fleet's events reach dispatch at least once and change it exactly once, through faults: the broker
/// down, fleet killed between append and publish, a message delivered twice (a poison message is dispatch's own
/// matter: CatalogueApiTests).
/// Each test reports appended, published and applied counts.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PublishingToDispatchTests(SystemFixture system, ITestOutputHelper output)
{
    private static readonly TimeSpan Arrival = FleetFollowers.Arrival;
    private const string DispatchQueue = "dispatch-vehicle-registered";

    [Fact]
    public async Task a_registered_vehicle_reaches_dispatch_carrying_who_and_why()
    {
        var code = FleetApi.NewCode();
        var correlationId = $"flow-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fleet/vehicles") { Content = JsonContent.Create(Registration(code)) };
        request.Headers.Add("X-Correlation-Id", correlationId);

        (await system.Gateway.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
        var listed = await Eventually.ReturnsAsync(
            _ => system.Gateway.GetStringAsync($"/api/dispatch/vehicles?pageSize=500&region=east"),
            page => page.Contains(code, StringComparison.Ordinal), Arrival, $"{code} in dispatch's catalogue");

        var vehicle = JsonDocument.Parse(listed).RootElement.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("code").GetString() == code);
        vehicle.GetProperty("status").GetString().Should().Be("InStock");
        var appended = (await system.EventsAsync("fleetdb", code)).Should().ContainSingle().Subject;
        var applied = (await system.EventsAsync("dispatchdb", code)).Should().ContainSingle().Subject;
        appended.CorrelationId.Should().Be(correlationId);
        appended.UserName.Should().Be(SignIn.Administrator, "the token's subject is who acted");
        appended.CausationId.Should().NotBeNullOrEmpty("the request that caused it");
        applied.CorrelationId.Should().Be(correlationId, "the flow's correlation id crosses the bus");
        applied.CausationId.Should().Be(appended.Id.ToString(), "the fleet event caused it");
        applied.UserName.Should().Be("dispatch", "a service acting on a bus message signs as itself");
    }

    [Fact]
    public async Task a_hundred_registrations_each_arrive_exactly_once()
    {
        var codes = Enumerable.Range(0, 100).Select(_ => FleetApi.NewCode()).ToList();

        foreach (var code in codes)
        {
            (await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", Registration(code))).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var applied = await system.AppliedOnceAsync(codes);
        var appended = (await system.EventsAsync("fleetdb")).Where(e => codes.Contains(e.StreamId)).ToDictionary(e => e.StreamId);
        var latencies = applied.Select(e => (e.RecordedAt - appended[e.StreamId].RecordedAt).TotalMilliseconds).Order().ToList();
        output.WriteLine($"appended {appended.Count}, applied {applied.Count}; append → consumed: median {latencies[latencies.Count / 2]:0.0} ms, worst {latencies[^1]:0.0} ms");
    }

    [Fact]
    public async Task a_message_delivered_twice_changes_dispatch_once()
    {
        await using var bus = await TestBus.StartAsync(await system.ConnectionStringAsync("messaging"), listen => listen.To<VehicleRegistered>());
        var code = FleetApi.NewCode();
        var messageId = Guid.NewGuid();
        var message = new VehicleRegistered(code, "XE-80", "excavator", "east", "shanghai-1", DateTimeOffset.UtcNow);

        await bus.PublishAsync(message, messageId);
        await bus.PublishAsync(message, messageId);
        var sentinel = FleetApi.NewCode();
        await bus.PublishAsync(message with { VehicleCode = sentinel }, Guid.NewGuid());

        await Eventually.ReturnsAsync(_ => Task.FromResult(bus.Deliveries.GetValueOrDefault(messageId)), count => count == 2, Arrival, "both deliveries on the bus");
        await system.AppliedOnceAsync([code, sentinel]);
        await Eventually.ReturnsAsync(_ => bus.ReadyMessagesAsync(DispatchQueue), ready => ready == 0, Arrival, "dispatch's queue drained");
        var applied = await system.EventsAsync("dispatchdb", code);
        output.WriteLine($"published 2 (same id), delivered {bus.Deliveries[messageId]}, applied {applied.Count}");
        applied.Should().ContainSingle();
    }

    [Fact]
    public async Task vehicles_registered_while_the_broker_is_down_arrive_once_it_is_back()
    {
        var codes = Enumerable.Range(0, 10).Select(_ => FleetApi.NewCode()).ToList();
        await system.StopAsync("messaging");
        try
        {
            foreach (var code in codes)
            {
                (await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", Registration(code))).StatusCode.Should().Be(HttpStatusCode.Created);
            }

            (await system.EventsAsync("dispatchdb")).Where(e => codes.Contains(e.StreamId)).Should().BeEmpty("nothing can reach dispatch while the broker is down");
        }
        finally
        {
            await system.StartAsync("messaging");
        }

        var applied = await system.AppliedOnceAsync(codes);
        output.WriteLine($"appended {codes.Count} with the broker down, applied {applied.Count} after it came back");
    }

    [Fact]
    public async Task an_event_appended_before_fleet_is_killed_is_published_after_it_restarts()
    {
        var code = FleetApi.NewCode();
        await system.StopAsync("messaging");
        try
        {
            (await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", Registration(code))).StatusCode.Should().Be(HttpStatusCode.Created);
            await system.KillAsync("fleet");
        }
        finally
        {
            await system.StartAsync("messaging");
        }

        (await system.EventsAsync("fleetdb", code)).Should().ContainSingle("the append was committed before the kill");
        (await system.EventsAsync("dispatchdb", code)).Should().BeEmpty("fleet died before it could publish");

        await system.StartAsync("fleet");
        var applied = await system.AppliedOnceAsync([code]);
        output.WriteLine($"appended 1, fleet killed before publishing, applied {applied.Count} after fleet restarted");
    }

    private static object Registration(string code) =>
        new { code, model = "XE-80", category = "excavator", region = "east", warehouse = "wuxi-1" };
}
