using System.Net.Http.Json;
using JinGong.Contracts.Dispatch;
using JinGong.Contracts.Fleet;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>What dispatch asks of a vehicle over the bus: obeyed by the same rules as a person's command, or refused with an event.</summary>
[Collection(FleetService.Collection)]
public sealed class DispatchRequestsTests(FleetService fleet)
{
    [Fact]
    public async Task a_request_the_rules_forbid_is_refused_once_with_an_event_naming_the_rule_and_a_lawful_one_is_obeyed()
    {
        await using var bus = await TestBus.StartAsync(await fleet.ConnectionStringAsync("messaging"), listen => listen.To<VehicleStatusChanged>().To<VehicleDelivered>().To<VehicleRetired>().To<VehicleRequestRefused>());
        var code = await fleet.RegisterAsync();
        (await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/reservation", new { orderId = "order-9" })).EnsureSuccessStatusCode();
        var loan = new VehicleLoanRequested("LOAN-9", code, "LOAN-9", "Wuhan Metro", "Line 12", new DateOnly(2030, 1, 1), DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        // The same request delivered twice.
        await bus.PublishAsync(loan, messageId);
        await bus.PublishAsync(loan, messageId);
        await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.Received.Select(r => r.Message).OfType<VehicleRequestRefused>().Count(r => r.VehicleCode == code)),
            count => count > 0, TimeSpan.FromSeconds(30), "the loan to be refused");
        await bus.PublishAsync(new VehicleReleaseRequested("REQ-9", code, "order-9", "order cancelled", DateTimeOffset.UtcNow), Guid.NewGuid());

        var released = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.Received.Select(r => r.Message).OfType<VehicleStatusChanged>().FirstOrDefault(c => c.VehicleCode == code && c.Cause == "reservation-released")),
            change => change is not null, TimeSpan.FromSeconds(30), "the release to be obeyed");
        released!.To.Should().Be("InStock");
        var refusal = bus.Received.Select(r => r.Message).OfType<VehicleRequestRefused>().Where(r => r.VehicleCode == code).Should().ContainSingle().Subject;
        refusal.Should().BeEquivalentTo(new { RequestId = "LOAN-9", Request = "lend", Rule = "cannot-lend-when-reserved" });
        var events = await new EventStoreQueries(await fleet.ConnectionStringAsync("fleetdb")).EventsAsync(code);
        events.Select(e => e.Type).Should().Equal("vehicle_registered_v1", "vehicle_reserved_v1", "vehicle_request_refused_v1", "vehicle_reservation_released_v1");
    }
}
