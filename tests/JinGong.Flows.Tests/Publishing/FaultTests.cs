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
/// caught up after the fault ended (the time printed), health turned unhealthy and back, and at least one message was delivered
/// again and skipped, so the path that keeps effects single was really taken. The faults get a system of their own, so
/// what they leave behind (a restarted server, dead pooled connections) never meets another test.
/// </summary>
public sealed class FaultTests(SystemFixture system, ITestOutputHelper output) : IClassFixture<SystemFixture>
{
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(250);
    // How long after a fault ends the consumers may take to catch up. The time is printed (a few seconds on a quiet
    // machine); the deadline only bounds a consumer that stopped: the backlog grows with the machine's load (455
    // deliveries behind after a broker kill beside stress-ng, run 14), and so does the time to work it off.
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(3);
    // How soon health must be back: the gateway's includes every service's database check (identity's too), and after
    // PostgreSQL restarts each pool finds its dead connections one check at a time (back after 32 s once on a loaded CI).
    private static readonly TimeSpan HealthBack = TimeSpan.FromSeconds(60);
    // How long one step of a fault may take to come about (a session at the lock, writes during the outage).
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    // The row where the async daemon records how far fleet's publisher got, and the statement that records it (the
    // daemon's heartbeat also waits at that row, and must not be taken for it).
    private static readonly string PublisherProgressLock =
        $"SELECT 1 FROM mt_event_progression WHERE name = '{IntegrationEventPublisher.SubscriptionName}:All' FOR UPDATE";
    private const string RecordingProgress = "set last_seq_id";

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
        // A write sent to the dead fleet may hang in DCP's proxy in front of it until the client gives up: refused only
        // then (run 26 missed a 30 s deadline by that), so the first refusal may take the write's own timeout.
        InterruptPublishingAsync("fleet kill", () => system.KillAsync("fleet"), () => system.StartAsync("fleet"), Step + WriteStream.RequestTimeout);

    [Fact]
    public Task postgres_restarted_mid_stream_loses_nothing_and_applies_nothing_twice() =>
        // Fleet gives up connecting to the database after Npgsql's 15 s, so the first refused write takes that long.
        InterruptPublishingAsync("PostgreSQL restart", () => system.StopAsync("postgres"), () => system.StartAsync("postgres"), Step + TimeSpan.FromSeconds(15));

    /// <summary>
    /// The worst moment for a client: fleet committed a registration (its events and the answer kept for its key) and was
    /// killed before it answered. Held there by PostgreSQL itself: with a synchronous standby required and none
    /// connected, a commit is flushed and then waits for the standby before it is acknowledged, so the test kills fleet
    /// while its commit waits, and lets the commit finish. The client saw no answer; sent again with its key to the
    /// restarted fleet, it gets the answer fleet would have given, and the vehicle is registered once.
    /// </summary>
    [Fact]
    public async Task a_write_committed_by_a_fleet_killed_before_answering_is_answered_from_what_was_kept_when_sent_again()
    {
        await using var health = await HealthyTimelineAsync();
        var server = await system.ConnectionStringAsync("postgres");
        var code = FleetApi.NewCode();
        var key = Guid.NewGuid().ToString();
        var registration = FleetApi.Registration(code);
        Task<HttpResponseMessage> first;
        // Signed in before commits wait: a sign-in is a commit in identity's database too.
        (await system.Gateway.GetAsync("/api/fleet/inventory/counts")).EnsureSuccessStatusCode();
        await using (await CommitsWaitForAStandbyAsync(server))
        {
            first = system.Gateway.SendWithKeyAsync(HttpMethod.Post, "/api/fleet/vehicles", registration, key);
            await Eventually.ReturnsAsync(ct => AppendsWaitingForTheStandbyAsync(server, ct), waiting => waiting > 0, Step, "fleet's append to wait for the standby at its commit");
            await system.KillAsync("fleet");
        }

        using (var lost = await first)
        {
            lost.IsSuccessStatusCode.Should().BeFalse("fleet died before answering: the gateway has nothing to give");
        }

        await system.StartAsync("fleet");
        await health.WaitHealthyAsync(HealthBack, "the system to be healthy once fleet is back");
        using var again = await system.Gateway.SendWithKeyAsync(HttpMethod.Post, "/api/fleet/vehicles", registration, key);

        var body = await again.Content.ReadAsStringAsync();
        again.StatusCode.Should().Be(HttpStatusCode.Created, $"the registration was done, and its answer kept with it: {body}");
        again.Headers.TryGetValues("Idempotent-Replayed", out var replayed).Should().BeTrue("the answer is the kept one, not a new registration");
        replayed.Should().Equal("true");
        again.Headers.Location!.ToString().Should().EndWith($"/api/fleet/vehicles/{code}");
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt64().Should().Be(1);
        (await system.VehicleVersionAsync(code)).Should().Be(1, "the vehicle is registered once");
    }

    /// <summary>Every commit on the server waits for a synchronous standby that is not there, until disposed.</summary>
    private static async Task<IAsyncDisposable> CommitsWaitForAStandbyAsync(string server)
    {
        await SetAsync(server, "ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'");
        return new Undo(() => SetAsync(server, "ALTER SYSTEM RESET synchronous_standby_names"));
    }

    private static async Task SetAsync(string server, string change)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        // The settings' connection itself must not wait for the standby it asks for, nor on the way back. ALTER SYSTEM
        // runs alone (not in a batch, which is a transaction).
        foreach (var statement in new[] { "SET synchronous_commit = local", change, "SELECT pg_reload_conf()" })
        {
            await using var command = new Npgsql.NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>How many of fleet's sessions hold an append to the event table and wait for the standby at its commit.</summary>
    private static async Task<long> AppendsWaitingForTheStandbyAsync(string server, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "fleetdb" }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity activity JOIN pg_locks held ON held.pid = activity.pid
            WHERE activity.datname = 'fleetdb' AND activity.wait_event = 'SyncRep'
              AND held.relation = 'mt_events'::regclass AND held.mode = 'RowExclusiveLock'
            """, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }

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
            await progress.WaitUntilBlockingAsync("fleet's publisher recording a page it sent", Step, RecordingProgress);
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
        // The first fault test meets a system just started, on a machine still busy starting others.
        await stream.WaitForAcknowledgedAsync(10, DateTimeOffset.MinValue, HealthBack, "the stream of writes to flow");
        await system.AllAppliedAsync(FleetFollowers.Owed(await system.StoredAsync(stream.Writes)), CatchUp, "the first writes to reach every consumer");
        return stream;
    }

    /// <summary>
    /// Ends the fault with <paramref name="restart"/>, then measures how long every consumer took to catch up with
    /// everything fleet stored so far (the time printed), and checks that health turned unhealthy and back.
    /// </summary>
    private async Task EndFaultAsync(string fault, DateTimeOffset faultAt, HealthTimeline health, WriteStream stream, Func<Task> restart)
    {
        var restarting = Stopwatch.StartNew();
        await restart();
        var back = restarting.Elapsed;
        var owed = FleetFollowers.Owed(await system.StoredAsync(stream.Writes));
        var caughtUp = await system.AllAppliedAsync(owed, CatchUp, $"every consumer to catch up after the {fault}");
        var dip = await health.DippedAndRecoveredAsync(faultAt, HealthBack, fault);
        var during = stream.Writes.Where(write => write.At >= faultAt).ToList();
        output.WriteLine(
            $"{fault}: restarted in {back.TotalSeconds:0.0} s; consumers caught up with {owed.Count} deliveries {caughtUp.TotalSeconds:0.0} s after; " +
            $"health {dip}; writes since the fault {during.Count(w => w.Acknowledged)} acknowledged, {during.Count(w => !w.Acknowledged)} not");
    }

    /// <summary>
    /// What every stream must leave (<see cref="StreamAudit"/>), and at least one message delivered again and skipped: the
    /// fault made the bus repeat itself, and the path that keeps effects single was really taken.
    /// </summary>
    private async Task AuditAsync(IReadOnlyList<WriteStream.Write> sent, IReadOnlyList<WriteStream.Write> writes)
    {
        var skipped = await system.AuditAsync(output, sent, writes, CatchUp);
        skipped.Should().NotBeEmpty("the fault made the bus deliver at least one message again, and the consumer skipped it");
    }
}
