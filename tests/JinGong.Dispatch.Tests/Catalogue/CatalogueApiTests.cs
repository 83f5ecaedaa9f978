using System.Text.Json;
using JinGong.Contracts.Fleet;
using JinGong.Dispatch.Catalogue;
using JinGong.EventSourcing.Messaging;
using JinGong.Testing;

namespace JinGong.Dispatch.Tests.Catalogue;

/// <summary>Dispatch's catalogue as fleet's messages build it, played on the bus by the test.</summary>
[Collection(DispatchService.Collection)]
public sealed class CatalogueApiTests(DispatchService dispatch)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    // Longer than the quick tries any failing message gets (5, of at most 5 s each with jitter, about 6 s in all and
    // at most 10 s): a status change still held after them was parked before it waited patiently.
    private static readonly TimeSpan PastTheQuickTries = TimeSpan.FromSeconds(12);

    /// <summary>
    /// A vehicle's registration and its status changes come by different queues: after a broker outage the status change
    /// may be applied first, and must wait for the registration rather than be parked (CI of stop 46: 16 parked).
    /// </summary>
    [Fact]
    public async Task a_status_change_that_arrives_long_before_its_registration_waits_for_it_and_is_applied()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"));
        var code = FleetApi.NewCode();
        var registeredAt = DateTimeOffset.UtcNow.AddDays(-30);

        await bus.PublishAsync(
            new VehicleStatusChanged(code, "XE-80", "east", "wuxi-1", VehicleStatuses.InStock, VehicleStatuses.InMaintenance,
                VehicleChangeCauses.MaintenanceOpened, null, null, null, registeredAt.AddDays(1)),
            Guid.NewGuid());
        await Task.Delay(PastTheQuickTries);
        (await CataloguedAsync(code)).Should().BeNull("dispatch knows no vehicle fleet has not told it of");
        await bus.PublishAsync(new VehicleRegistered(code, "XE-80", "excavator", "east", "wuxi-1", registeredAt), Guid.NewGuid());

        var vehicle = await Eventually.ReturnsAsync(
            _ => CataloguedAsync(code), found => found?.GetProperty("status").GetString() == VehicleStatuses.InMaintenance, Arrival,
            $"{code} catalogued with the status it changed to before its registration arrived");
        vehicle!.Value.GetProperty("model").GetString().Should().Be("XE-80");
    }

    /// <summary>
    /// A message no retry can fix is parked after the quick tries (not kept for the patience an early one gets), once,
    /// counted for the dashboard, and the consumer goes on with the next.
    /// </summary>
    [Fact]
    public async Task a_poison_message_is_parked_in_the_error_queue_once_and_dispatch_goes_on()
    {
        const string parking = "dispatch-vehicle-registered_error";
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"));
        using var figures = new BusinessFigures();
        var parkedBefore = await bus.ReadyMessagesAsync(parking);

        await bus.PublishAsync(new VehicleRegistered("", "XE-80", "excavator", "east", "wuxi-1", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.ReturnsAsync(_ => bus.ReadyMessagesAsync(parking), count => count > parkedBefore, Arrival, "the poison message parked");
        var code = FleetApi.NewCode();
        await bus.PublishAsync(new VehicleRegistered(code, "XE-80", "excavator", "east", "wuxi-1", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.ReturnsAsync(_ => CataloguedAsync(code), found => found is not null, Arrival, $"{code}, registered after the poison message, catalogued");

        (await bus.ReadyMessagesAsync(parking)).Should().Be(parkedBefore + 1);
        figures.Count("jingong.messages.parked", ("consumer", "VehicleRegisteredConsumer"), ("message_type", "VehicleRegistered"))
            .Should().Be(1, $"the message was parked once, after its last try: {figures}");
    }

    /// <summary>
    /// A vehicle's status changes come in bursts, on one queue: dispatch handles one vehicle's one at a time (other
    /// vehicles' beside them), so none rolls another back on the vehicle's stream. Handled at once, they did: a played
    /// year lost about 800 such races, each a rollback, a decision made again and a hole the publisher waited at. Their
    /// order is not promised (one handled after a newer one is passed over as late); the newest is the vehicle's status.
    /// </summary>
    [Fact]
    public async Task a_burst_of_one_vehicle_s_status_changes_is_handled_one_at_a_time_and_rolls_nothing_back()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"));
        var code = FleetApi.NewCode();
        var registeredAt = DateTimeOffset.UtcNow.AddDays(-30);
        // A model of its own: a unit back in stock serves a backorder of its model, and no other test's should be served.
        const string model = "XE-BURST";
        await bus.PublishAsync(new VehicleRegistered(code, model, "excavator", "east", "wuxi-1", registeredAt), Guid.NewGuid());
        await Eventually.ReturnsAsync(_ => CataloguedAsync(code), found => found is not null, Arrival, $"{code} catalogued");

        // Odd: the newest change puts the vehicle in maintenance.
        const int changes = 21;
        var applied = new List<string>();
        for (var n = 1; n <= changes; n++)
        {
            var (from, to, cause) = n % 2 == 1
                ? (VehicleStatuses.InStock, VehicleStatuses.InMaintenance, VehicleChangeCauses.MaintenanceOpened)
                : (VehicleStatuses.InMaintenance, VehicleStatuses.InStock, VehicleChangeCauses.MaintenanceClosed);
            var id = Guid.NewGuid();
            applied.Add(ProcessedMessages.Key(typeof(VehicleStatusChangedConsumer), id));
            await bus.PublishAsync(new VehicleStatusChanged(code, model, "east", "wuxi-1", from, to, cause, null, null, null, registeredAt.AddHours(n)), id);
        }

        var store = new EventStoreQueries(await dispatch.ConnectionStringAsync("dispatchdb"));
        await Eventually.ReturnsAsync(
            async _ => (await store.ProcessedMessagesAsync(applied)).Count, count => count == changes, Arrival, $"each of {code}'s {changes} status changes handled");
        (await store.SkippedSequenceNumbersAsync(code)).Should().Be(0, "no change of the vehicle rolled another back");
        (await CataloguedAsync(code))!.Value.GetProperty("status").GetString().Should().Be(VehicleStatuses.InMaintenance);
    }

    private async Task<JsonElement?> CataloguedAsync(string code)
    {
        var page = await dispatch.GetOkAsync("/api/dispatch/vehicles?region=east&pageSize=500");
        return page.GetProperty("items").EnumerateArray().Cast<JsonElement?>().SingleOrDefault(vehicle => vehicle!.Value.GetProperty("code").GetString() == code);
    }
}
