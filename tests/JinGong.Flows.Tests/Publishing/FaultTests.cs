using System.Diagnostics;
using System.Net;
using JinGong.EventSourcing.Messaging;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.Flows.Tests.Publishing;

/// <summary>
/// Faults during a steady stream of writes through the gateway (registrations, and maintenance openings that dispatch and
/// orders both follow): the broker killed and restarted three times, fleet killed outright, PostgreSQL restarted. After
/// each, every acknowledged write is stored once, every event reached every consumer and changed it once, the consumers
/// caught up within 30 s of the fault ending, health turned unhealthy and back, and at least one message was delivered
/// again and skipped, so the path that keeps effects single was really taken. The faults get a system of their own, so
/// what they leave behind (a restarted server, dead pooled connections) never meets another test.
/// </summary>
public sealed class FaultTests(SystemFixture system, ITestOutputHelper output) : IClassFixture<SystemFixture>
{
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(250);
    // How soon after a fault ends the consumers must have caught up.
    private static readonly TimeSpan Resume = TimeSpan.FromSeconds(30);
    // How soon health must be back: the gateway's includes every service's database check (identity's too), and after
    // PostgreSQL restarts each pool finds its dead connections one check at a time (back after 32 s once on a loaded CI).
    private static readonly TimeSpan HealthBack = TimeSpan.FromSeconds(60);
    // How long one step of a fault may take to come about (a session at the lock, writes during the outage).
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    // The row where the async daemon records how far fleet's publisher got.
    private static readonly string PublisherProgressLock =
        $"SELECT 1 FROM mt_event_progression WHERE name = '{IntegrationEventPublisher.SubscriptionName}:All' FOR UPDATE";

    [Fact]
    public async Task the_broker_killed_three_times_during_a_stream_of_writes_loses_nothing_and_applies_nothing_twice()
    {
        await using var health = await HealthyTimelineAsync();
        await using var stream = await FlowingStreamAsync();
        for (var round = 1; round <= 3; round++)
        {
            var fault = $"broker kill {round}";
            var faultAt = DateTimeOffset.UtcNow;
            // Dispatch is committing a message's effect when the broker dies, so its acknowledgement is lost and the
            // broker delivers the message again once it is back.
            await using (var commit = await DatabaseLock.TakeAsync(await system.ConnectionStringAsync("dispatchdb"), "LOCK TABLE mt_doc_processedmessage IN SHARE MODE"))
            {
                await commit.WaitUntilBlockingAsync("a dispatch consumer committing", Step);
                await system.KillAsync("messaging");
            }

            await stream.WaitForAcknowledgedAsync(5, faultAt, Step, "writes acknowledged while the broker is down");
            await EndFaultAsync(fault, faultAt, health, stream, () => system.StartAsync("messaging"));
        }

        var writes = await stream.StopAsync();
        await AuditAsync(stream.Writes, writes);
    }

    [Fact]
    public Task fleet_killed_mid_stream_loses_nothing_and_applies_nothing_twice() =>
        InterruptPublishingAsync("fleet kill", () => system.KillAsync("fleet"), () => system.StartAsync("fleet"), Step);

    [Fact]
    public Task postgres_restarted_mid_stream_loses_nothing_and_applies_nothing_twice() =>
        // Fleet gives up connecting to the database after Npgsql's 15 s, so the first refused write takes that long.
        InterruptPublishingAsync("PostgreSQL restart", () => system.StopAsync("postgres"), () => system.StartAsync("postgres"), Step + TimeSpan.FromSeconds(15));

    /// <summary>
    /// Strikes the fault while fleet's publisher is recording how far it got after sending a page of events to the broker
    /// (held there by a lock on its progress row), so it sends the page again once the fault is over; lets the stream run
    /// into the fault until a write is refused, then ends it and audits.
    /// </summary>
    private async Task InterruptPublishingAsync(string fault, Func<Task> strike, Func<Task> restart, TimeSpan refusal)
    {
        await using var health = await HealthyTimelineAsync();
        await using var stream = await FlowingStreamAsync();
        var faultAt = DateTimeOffset.UtcNow;
        await using (var progress = await DatabaseLock.TakeAsync(await system.ConnectionStringAsync("fleetdb"), PublisherProgressLock))
        {
            await progress.WaitUntilBlockingAsync("fleet's publisher recording a page it sent", Step);
            await strike();
        }

        await stream.WaitForRefusedAsync(faultAt, refusal, $"a write refused during the {fault}");
        // The fault lasts until ops see it: a restart quicker than health's next look would leave nothing to measure.
        await health.WaitUnhealthyAsync(faultAt, Step, $"health to turn unhealthy during the {fault}");
        await EndFaultAsync(fault, faultAt, health, stream, restart);
        var writes = await stream.StopAsync();
        await AuditAsync(stream.Writes, writes);
    }

    /// <summary>Health sampled from a system that is healthy to begin with (a previous fault is over).</summary>
    private async Task<HealthTimeline> HealthyTimelineAsync()
    {
        var health = HealthTimeline.Watch(system.Gateway, HealthInterval);
        await health.WaitHealthyAsync(HealthBack, "the system to be healthy before the fault");
        return health;
    }

    /// <summary>
    /// A stream of writes that flows all the way: acknowledged, and its first writes published and applied by every
    /// consumer, so the publisher is running when a fault is struck at it (on a loaded machine the daemon of a system
    /// just started can take a while to take the lead).
    /// </summary>
    private async Task<WriteStream> FlowingStreamAsync()
    {
        var stream = WriteStream.Start(system.Gateway, WriteInterval);
        await stream.WaitForAcknowledgedAsync(10, DateTimeOffset.MinValue, Step, "the stream of writes to flow");
        await system.AllAppliedAsync(FleetFollowers.Owed(await StoredAsync(stream.Writes)), Resume, "the first writes to reach every consumer");
        return stream;
    }

    /// <summary>
    /// Ends the fault with <paramref name="restart"/>, then measures how long every consumer took to catch up with
    /// everything fleet stored so far (30 s at most), and checks that health turned unhealthy and back.
    /// </summary>
    private async Task EndFaultAsync(string fault, DateTimeOffset faultAt, HealthTimeline health, WriteStream stream, Func<Task> restart)
    {
        var restarting = Stopwatch.StartNew();
        await restart();
        var back = restarting.Elapsed;
        var owed = FleetFollowers.Owed(await StoredAsync(stream.Writes));
        var caughtUp = await system.AllAppliedAsync(owed, Resume, $"every consumer to catch up after the {fault}");
        var dip = await health.DippedAndRecoveredAsync(faultAt, HealthBack, fault);
        var during = stream.Writes.Where(write => write.At >= faultAt).ToList();
        output.WriteLine(
            $"{fault}: restarted in {back.TotalSeconds:0.0} s; consumers caught up with {owed.Count} deliveries {caughtUp.TotalSeconds:0.0} s after; " +
            $"health {dip}; writes since the fault {during.Count(w => w.Acknowledged)} acknowledged, {during.Count(w => !w.Acknowledged)} not");
    }

    /// <summary>
    /// Every acknowledged write is stored exactly once and no write twice; every stored event reached every consumer and
    /// changed dispatch's catalogue once; and at least one message was delivered again and skipped.
    /// </summary>
    /// <param name="sent">Every write as its first send was answered.</param>
    /// <param name="writes">Every write as it ended: those not acknowledged were sent again, with their key, after the fault.</param>
    private async Task AuditAsync(IReadOnlyList<WriteStream.Write> sent, IReadOnlyList<WriteStream.Write> writes)
    {
        var stored = await StoredAsync(writes);
        var failed = sent.Where(write => !write.Acknowledged).GroupBy(write => write.Answer).Select(group => $"{group.Count()} × {group.Key}");
        output.WriteLine($"writes: {sent.Count} sent, {sent.Count(write => write.Acknowledged)} acknowledged, not acknowledged: [{string.Join(", ", failed)}]; "
            + $"sent again with their keys: {writes.Count(write => write.Acknowledged) - sent.Count(write => write.Acknowledged)} acknowledged, "
            + $"{writes.Count(write => write.Replayed)} of them answered as already done; stored {stored.Count} events");
        sent.Where(write => !write.Acknowledged).Should().NotContain(write => write.Status == HttpStatusCode.InternalServerError,
            "a service that cannot reach its database says so with 503, which the client may retry, not 500");
        writes.Where(write => !write.Acknowledged).Select(write => $"{write.Kind} {write.VehicleCode}: {write.Answer}").Should().BeEmpty(
            "a write sent again with its key after the fault is done, or answered as done already");
        var storedWrites = stored.Select(e => (e.StreamId, e.Type)).ToHashSet();
        writes.Where(write => !storedWrites.Contains((write.VehicleCode, StoredType(write.Kind)))).Should().BeEmpty("every acknowledged write is stored");
        stored.GroupBy(e => (e.StreamId, e.Type)).Should().OnlyContain(group => group.Count() == 1, "no write is stored twice, however often it was sent");

        var owed = FleetFollowers.Owed(stored);
        await system.AllAppliedAsync(owed, Resume, "every consumer to apply every event");
        var registered = stored.Where(e => e.Type == StoredType(WriteStream.Kind.Registration)).Select(e => e.StreamId).ToList();
        await system.AppliedOnceAsync(registered);
        var notes = (await system.EventsAsync("dispatchdb")).Where(e => e.Type == "vehicle_status_noted_v1").ToLookup(e => e.StreamId);
        stored.Where(e => e.Type == StoredType(WriteStream.Kind.MaintenanceOpening)).Where(opened => notes[opened.StreamId].Count() != 1)
            .Should().BeEmpty("dispatch notes each maintenance opening once");

        var messageIds = owed.Select(delivery => delivery.MessageId).ToHashSet();
        var skipped = (await system.SkippedRedeliveriesAsync("dispatch")).Concat(await system.SkippedRedeliveriesAsync("orders")).Where(messageIds.Contains).ToList();
        output.WriteLine($"{owed.Count} deliveries applied once each; {skipped.Count} redeliveries skipped ({skipped.Distinct().Count()} messages)");
        skipped.Should().NotBeEmpty("the fault made the bus deliver at least one message again, and the consumer skipped it");
    }

    private async Task<IReadOnlyList<EventStoreQueries.StoredEvent>> StoredAsync(IReadOnlyList<WriteStream.Write> writes)
    {
        var codes = writes.Select(write => write.VehicleCode).ToHashSet();
        return [.. (await system.EventsAsync("fleetdb")).Where(e => codes.Contains(e.StreamId))];
    }

    private static string StoredType(WriteStream.Kind kind) => kind switch
    {
        WriteStream.Kind.Registration => "vehicle_registered_v1",
        _ => "maintenance_opened_v1",
    };
}
