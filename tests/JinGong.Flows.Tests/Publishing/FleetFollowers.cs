using System.Diagnostics;
using JinGong.EventSourcing.Messaging;
using JinGong.Testing;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Flows.Tests.Publishing;

/// <summary>
/// What fleet's events must have done in the services that follow them: each message reached every consumer of it
/// (recorded as processed in that consumer's database) and changed dispatch's catalogue once.
/// </summary>
internal static class FleetFollowers
{
    public static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    // Who consumes which of fleet's messages (README, "Events across services"), named as IdempotentConsumer records them.
    private static readonly (string Database, string Consumer)[] RegistrationConsumers = [("dispatchdb", "VehicleRegisteredConsumer")];

    private static readonly (string Database, string Consumer)[] StatusChangeConsumers =
    [
        ("dispatchdb", "VehicleStatusChangedConsumer"), ("dispatchdb", "FleetAnswersConsumer"), ("dispatchdb", "LoanAnswersConsumer"),
        ("dispatchdb", "TransferAnswersConsumer"), ("ordersdb", "VehicleStatusChangedConsumer"),
    ];

    /// <summary>One message that one consumer must have applied.</summary>
    public sealed record Delivery(string Database, string Consumer, Guid MessageId)
    {
        public string Key => $"{Consumer}/{MessageId:N}";
    }

    /// <summary>Every delivery fleet's registrations and maintenance openings among <paramref name="fleetEvents"/> owe.</summary>
    public static IReadOnlyList<Delivery> Owed(IEnumerable<EventStoreQueries.StoredEvent> fleetEvents) =>
        [.. fleetEvents.SelectMany(e => e.Type switch
        {
            "vehicle_registered_v1" => To(RegistrationConsumers, IntegrationEventPublisher.MessageId(e.Id, typeof(Published.VehicleRegistered))),
            "maintenance_opened_v1" => To(StatusChangeConsumers, IntegrationEventPublisher.MessageId(e.Id, typeof(Published.VehicleStatusChanged))),
            _ => [],
        })];

    /// <summary>Waits until every consumer has applied every delivery <paramref name="owed"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> AllAppliedAsync(this SystemFixture system, IReadOnlyList<Delivery> owed, TimeSpan deadline, string what)
    {
        var waiting = Stopwatch.StartNew();
        await Eventually.ReturnsAsync(async _ => new Outstanding(await system.MissingAsync(owed)), outstanding => outstanding.Deliveries.Count == 0, deadline, what);
        return waiting.Elapsed;
    }

    /// <summary>The deliveries no consumer has recorded yet.</summary>
    public static async Task<IReadOnlyList<Delivery>> MissingAsync(this SystemFixture system, IReadOnlyList<Delivery> owed)
    {
        var missing = new List<Delivery>();
        foreach (var database in owed.GroupBy(delivery => delivery.Database))
        {
            var processed = await new EventStoreQueries(await system.ConnectionStringAsync(database.Key)).ProcessedMessagesAsync([.. database.Select(d => d.Key)]);
            missing.AddRange(database.Where(delivery => !processed.Contains(delivery.Key)));
        }

        return missing;
    }

    /// <summary>Waits until dispatch has catalogued every vehicle of <paramref name="codes"/>, then checks none was catalogued twice.</summary>
    public static async Task<IReadOnlyList<EventStoreQueries.StoredEvent>> AppliedOnceAsync(this SystemFixture system, IReadOnlyCollection<string> codes)
    {
        var applied = await Eventually.ReturnsAsync(
            async _ => (await system.EventsAsync("dispatchdb")).Where(e => e.Type == "vehicle_catalogued_v1" && codes.Contains(e.StreamId)).ToList(),
            events => events.Select(e => e.StreamId).Distinct().Count() == codes.Count,
            Arrival, $"{codes.Count} vehicles in dispatch");
        applied.GroupBy(e => e.StreamId).Should().OnlyContain(group => group.Count() == 1, "each vehicle is applied exactly once");
        return applied;
    }

    public static async Task<IReadOnlyList<EventStoreQueries.StoredEvent>> EventsAsync(this SystemFixture system, string database, string? code = null) =>
        await new EventStoreQueries(await system.ConnectionStringAsync(database)).EventsAsync(code);

    private sealed record Outstanding(IReadOnlyList<Delivery> Deliveries)
    {
        public override string ToString() => $"{Deliveries.Count} not applied, e.g. {string.Join(", ", Deliveries.Take(5))}";
    }

    private static IEnumerable<Delivery> To((string Database, string Consumer)[] consumers, Guid messageId) =>
        consumers.Select(consumer => new Delivery(consumer.Database, consumer.Consumer, messageId));
}
