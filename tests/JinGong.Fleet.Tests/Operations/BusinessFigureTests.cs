using System.Net;
using System.Net.Http.Json;
using JinGong.Contracts.Dispatch;
using JinGong.Http.Idempotency;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Operations;

/// <summary>
/// The figures ops read on the dashboard beside the projection lag (meter <c>JinGong.Business</c>), counted on the shared
/// paths: the command path, the Idempotency-Key middleware and the idempotent consumer.
/// </summary>
[Collection(FleetService.Collection)]
public sealed class BusinessFigureTests(FleetService fleet)
{
    private const string Registration = "POST /api/fleet/vehicles";

    [Fact]
    public async Task an_accepted_command_and_a_refused_one_are_counted_with_the_rule_it_broke()
    {
        using var figures = new BusinessFigures();
        await fleet.Api.OpenWarehouseAsync("east", "wuxi-1");
        var code = FleetApi.NewCode();

        (await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(code))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(code))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        figures.Count("jingong.commands.accepted", ("service", "fleet"), ("command", Registration)).Should().Be(1, figures.ToString());
        figures.Count("jingong.commands.refused", ("service", "fleet"), ("command", Registration), ("rule", "vehicle-already-registered")).Should().Be(1, figures.ToString());
    }

    [Fact]
    public async Task a_published_event_is_counted_with_how_long_after_its_append_the_broker_confirmed_it()
    {
        using var figures = new BusinessFigures();
        var appending = DateTimeOffset.UtcNow;
        await fleet.RegisterAsync();
        var message = ("message_type", "VehicleRegistered");

        // Other tests of the collection publish too, some of events appended before this one (their delays may be longer
        // than this wait, and come first): one delay, this registration's, lies within the wait since its append.
        var delays = await Eventually.ReturnsAsync(_ => Task.FromResult(figures.Values("jingong.messages.publication_delay", message)),
            values => values.Any(delay => delay > 0 && delay <= (DateTimeOffset.UtcNow - appending).TotalMilliseconds), TimeSpan.FromSeconds(30),
            "the registration to be published, its delay within the wait since its append");
        figures.Count("jingong.messages.published", message).Should().BeGreaterThanOrEqualTo(delays.Count);
        delays.Should().OnlyContain(delay => delay >= 0, figures.ToString());
    }

    [Fact]
    public async Task a_write_sent_again_with_its_idempotency_key_is_counted_as_a_replay()
    {
        using var figures = new BusinessFigures();
        await fleet.Api.OpenWarehouseAsync("east", "wuxi-1");
        var registration = FleetApi.Registration(FleetApi.NewCode());
        var key = Guid.NewGuid().ToString();

        for (var sent = 1; sent <= 2; sent++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fleet/vehicles") { Content = JsonContent.Create(registration) };
            request.Headers.Add(IdempotencyKeys.Header, key);
            (await fleet.Api.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        figures.Count("jingong.idempotency.replays", ("service", "fleet")).Should().Be(1);
        figures.Count("jingong.commands.accepted", ("service", "fleet"), ("command", Registration)).Should().Be(1, $"the replay decided nothing: {figures}");
    }

    [Fact]
    public async Task a_message_delivered_again_is_counted_as_redelivered_and_applied_once()
    {
        using var figures = new BusinessFigures();
        await using var bus = await TestBus.StartAsync(await fleet.ConnectionStringAsync("messaging"));
        var code = await fleet.RegisterAsync();
        var request = new VehicleReservationRequested($"REQ-{Guid.NewGuid():N}", code, $"order-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        var consumer = ("consumer", "DispatchRequestConsumer`1");
        var message = ("message_type", nameof(VehicleReservationRequested));

        await bus.PublishAsync(request, messageId);
        await Eventually.ReturnsAsync(_ => Task.FromResult(figures.Count("jingong.messages.consumed", consumer, message)), count => count > 0, TimeSpan.FromSeconds(30), "the request to be applied");
        await bus.PublishAsync(request, messageId);
        await Eventually.ReturnsAsync(_ => Task.FromResult(figures.Count("jingong.messages.redelivered", consumer, message)), count => count > 0, TimeSpan.FromSeconds(30), "the second delivery to be skipped");

        figures.Count("jingong.messages.consumed", consumer, message).Should().Be(1);
        figures.Count("jingong.messages.redelivered", consumer, message).Should().Be(1);
        figures.Count("jingong.commands.accepted", ("service", "fleet"), ("command", nameof(VehicleReservationRequested))).Should().Be(1);
    }
}
