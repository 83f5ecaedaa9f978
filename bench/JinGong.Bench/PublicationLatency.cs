using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using JinGong.Contracts.Fleet;
using MassTransit;
using Npgsql;

namespace JinGong.Bench;

/// <summary>
/// From an event appended in fleet to its effect committed in dispatch (which catalogues every registered vehicle), at a
/// steady rate, split into hops at times all read from one machine's clock: the appending transaction's start and its
/// commit (PostgreSQL's commit timestamps); the moment every event before it in sequence had committed too, since the
/// daemon publishes in sequence order (an earlier transaction still open holds back the ones after it); the delivery
/// to a listener of the bench's own, bound to the same event; and the start of dispatch's transaction.
/// </summary>
public static class PublicationLatency
{
    /// <summary>The whole path, and its hops over the same samples.</summary>
    public sealed record Hops(Throughput AppendToConsumed, IReadOnlyList<Throughput> Parts);

    /// <summary>An event of the run: when its transaction began, when it committed, when all before it had committed.</summary>
    private sealed record Appended(DateTimeOffset Began, DateTimeOffset Committed, DateTimeOffset InOrder);

    public static async Task<Hops> MeasureAsync(BenchSystem system, int perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var fleetDatabase = await system.ConnectionStringAsync("fleetdb");
        var dispatchDatabase = await system.ConnectionStringAsync("dispatchdb");
        // Measured on top of the earlier runs' backlog, the figure would be the backlog's drain, not the path.
        await system.SettleAsync(cancellationToken);
        var broker = new Uri(await system.ConnectionStringAsync("messaging"));
        var delivered = new ConcurrentDictionary<string, (DateTimeOffset Sent, DateTimeOffset Delivered)>(StringComparer.Ordinal);
        var listener = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"bench-deliveries-{Guid.NewGuid():N}", endpoint =>
            {
                (endpoint.Durable, endpoint.AutoDelete) = (false, true);
                endpoint.Handler<VehicleRegistered>(context =>
                {
                    // MassTransit stamps each message when fleet's publisher sends it: the daemon's part ends there.
                    var now = DateTimeOffset.UtcNow;
                    delivered.TryAdd(context.Message.VehicleCode, (context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : now, now));
                    return Task.CompletedTask;
                });
            });
        });
        await listener.StartAsync(cancellationToken);

        var run = $"PL-{Guid.NewGuid():N}"[..11];
        var gateway = system.SignedInGateway;
        var sent = new List<Task<HttpStatusCode>>();
        // An open loop: registrations go out on the clock, whatever the answers' pace, 10 ms apart in pairs or so.
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var watch = Stopwatch.StartNew();
        var total = (int)(perSecond * duration.TotalSeconds);
        while (sent.Count < total && await tick.WaitForNextTickAsync(cancellationToken))
        {
            var due = Math.Min(total, (int)(watch.Elapsed.TotalSeconds * perSecond));
            while (sent.Count < due)
            {
                sent.Add(RegisterAsync(gateway, $"{run}-{sent.Count}", cancellationToken));
            }
        }

        var answers = await Task.WhenAll(sent);
        var acknowledged = answers.Count(status => status == HttpStatusCode.Created);
        var appended = await AppendedAsync(fleetDatabase, run, cancellationToken);
        var consumed = await WaitForAsync(dispatchDatabase, run, appended.Count, cancellationToken);
        await listener.StopAsync(cancellationToken);
        var whole = new Latencies();
        Latencies[] parts = [new(), new(), new(), new(), new()];
        foreach (var (code, append) in appended)
        {
            if (consumed.TryGetValue(code, out var effect) && delivered.TryGetValue(code, out var delivery))
            {
                whole.Add(effect - append.Began);
                parts[0].Add(append.Committed - append.Began);
                parts[1].Add(append.InOrder - append.Committed);
                parts[2].Add(delivery.Sent - append.InOrder);
                parts[3].Add(delivery.Delivered - delivery.Sent);
                parts[4].Add(effect - delivery.Delivered);
            }
            else
            {
                whole.Fail();
            }
        }

        return new Hops(
            whole.Summarize($"append → consumed in dispatch at {perSecond}/s ({acknowledged} acknowledged)", duration),
            [
                parts[0].Summarize("  fleet's transaction, begun → committed", duration),
                parts[1].Summarize("  committed → every earlier event committed", duration),
                parts[2].Summarize("  → sent by fleet's publisher (daemon: high-water mark, page, queue)", duration),
                parts[3].Summarize("  sent → delivered (MassTransit, broker)", duration),
                parts[4].Summarize("  delivered → consumed (dispatch's transaction)", duration),
            ]);
    }

    private static async Task<HttpStatusCode> RegisterAsync(HttpClient gateway, string code, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await gateway.PostAsJsonAsync("/api/fleet/vehicles", new { code, model = "XE-80", category = "excavator", region = "east", warehouse = BenchSystem.Warehouse }, cancellationToken);
            return answer.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Past what the system takes, a connection may be dropped: the registration counts as missing, not as the run's end.
            return 0;
        }
    }

    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> WaitForAsync(string connectionString, string run, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var consumed = await TimesAsync(connectionString, run, cancellationToken);
        try
        {
            while (consumed.Count < count && await poll.WaitForNextTickAsync(deadline.Token))
            {
                consumed = await TimesAsync(connectionString, run, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // What has not arrived within the minute counts as an error.
        }

        return consumed;
    }

    /// <summary>
    /// The run's registrations in fleet, each with its transaction's start and commit, and the commit of the last of the
    /// events before it in sequence (those of other streams too, such as the tombstones of rolled-back appends).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, Appended>> AppendedAsync(string connectionString, string run, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var query = dataSource.CreateCommand(
            """
            SELECT stream_id, timestamp, committed, max(committed) OVER (ORDER BY seq_id)
            FROM (SELECT seq_id, stream_id, timestamp, pg_xact_commit_timestamp(xmin) AS committed FROM mt_events
                  WHERE seq_id >= (SELECT min(seq_id) FROM mt_events WHERE stream_id LIKE $1)) AS since
            ORDER BY seq_id
            """);
        query.Parameters.AddWithValue($"{run}-%");
        var appended = new Dictionary<string, Appended>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stream = reader.GetString(0);
            if (stream.StartsWith(run, StringComparison.Ordinal))
            {
                appended.TryAdd(stream, new Appended(
                    reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return appended;
    }

    /// <summary>When each stream of the run got its first event, as the database recorded it.</summary>
    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> TimesAsync(string connectionString, string run, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var query = dataSource.CreateCommand("SELECT stream_id, min(timestamp) FROM mt_events WHERE stream_id LIKE $1 GROUP BY stream_id");
        query.Parameters.AddWithValue($"{run}-%");
        var times = new Dictionary<string, DateTimeOffset>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            times[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return times;
    }
}
