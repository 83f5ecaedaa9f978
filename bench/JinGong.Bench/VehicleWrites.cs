using System.Diagnostics;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using JinGong.Fleet.Vehicles;
using Marten;
using Npgsql;

namespace JinGong.Bench;

/// <summary>
/// Vehicle registrations (each a new stream: validate, append, inline snapshot and timeline, commit) four ways: through
/// the gateway, straight to fleet, in-process Marten configured as well as Marten allows, and a plain PostgreSQL insert
/// of the same JSON (the floor); the last two in a database of their own.
/// </summary>
public static class VehicleWrites
{
    /// <summary>
    /// wrk with <c>bench/register.lua</c>, which prints one JSON summary line at the end. Every request carries
    /// <paramref name="accessToken"/>, as a signed-in client's would.
    /// </summary>
    public static WriteVariant OverHttp(string what, Uri target, string accessToken) =>
        new(what, (clients, duration, cancellationToken) => WrkAsync(what, target, accessToken, threads: 2, clients, duration, [], cancellationToken));

    /// <summary>
    /// One client reading the inventory (<c>bench/register.lua</c> told to read), one request after another: what a request
    /// costs in time when nothing else waits, so that the gateway's own share (its hop and its token check) shows.
    /// </summary>
    public static Task<Throughput> OneReaderAsync(string what, Uri target, string accessToken, TimeSpan duration, CancellationToken cancellationToken) =>
        WrkAsync(what, target, accessToken, threads: 1, clients: 1, duration, ["--", "read"], cancellationToken);

    private static async Task<Throughput> WrkAsync(
        string what, Uri target, string accessToken, int threads, int clients, TimeSpan duration, string[] scriptArguments, CancellationToken cancellationToken)
    {
        var script = Path.Combine(BenchSystem.RepositoryRoot, "bench", "register.lua");
        var output = await RunWrkAsync([$"-t{threads}", $"-c{clients}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, target.ToString(), .. scriptArguments], accessToken, cancellationToken);
        var summary = JsonDocument.Parse(output.Split('\n').Last(line => line.StartsWith('{'))).RootElement;
        var requests = summary.GetProperty("requests").GetInt64();
        var seconds = summary.GetProperty("seconds").GetDouble();
        return new Throughput(
            what, requests, summary.GetProperty("errors").GetInt64(), Math.Round(seconds, 1), Math.Round(requests / seconds),
            summary.GetProperty("p50").GetDouble(), summary.GetProperty("p99").GetDouble());
    }

    private static async Task<string> RunWrkAsync(IEnumerable<string> arguments, string accessToken, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["JINGONG_ACCESS_TOKEN"] = accessToken;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        return wrk.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk failed: {await wrk.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    /// <summary>
    /// What fleet's endpoint does minus HTTP and validation: FetchForWriting, append, commit, with fleet's projections
    /// inline, on a store configured as well as Marten allows: sequence numbers taken in the append's own round trip
    /// (<see cref="EventAppendMode.Quick"/>), and no NOTIFY in the append's transaction (which serialises commits).
    /// </summary>
    public static async Task<WriteVariant> InProcessMartenAsync(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = DocumentStore.For(options =>
        {
            options.ConfigureEventStore();
            options.ConfigureVehicles();
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.UseListenNotifyForEventAppends = false;
            options.Connection(dataSource);
            options.DatabaseSchemaName = options.Events.DatabaseSchemaName = "bench_in_process";
            options.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        Task RegisterAsync(long n, CancellationToken token) => RegisterInProcessAsync(store, $"IP-{run}-{n}", token);
        const string what = "in-process Marten (Quick append, no NOTIFY)";
        return new(what, (clients, duration, cancellationToken) => Latencies.ClosedLoopAsync(what, clients, duration, RegisterAsync, cancellationToken));
    }

    private static async Task RegisterInProcessAsync(IDocumentStore store, string code, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Vehicle>(code, cancellationToken);
        stream.AppendOne(new VehicleRegistered(code, "XE-80", "excavator", "east", BenchSystem.Warehouse, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The floor: one INSERT of the event's JSON per operation, on the same server.</summary>
    public static async Task<WriteVariant> PlainInsertsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_floor (id text PRIMARY KEY, data jsonb NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        async Task InsertAsync(long n, CancellationToken token)
        {
            var code = $"PG-{run}-{n}";
            await using var insert = dataSource.CreateCommand("INSERT INTO bench_floor (id, data) VALUES ($1, $2::jsonb)");
            insert.Parameters.AddWithValue(code);
            insert.Parameters.AddWithValue(JsonSerializer.Serialize(new VehicleRegistered(code, "XE-80", "excavator", "east", BenchSystem.Warehouse, DateTimeOffset.UtcNow)));
            await insert.ExecuteNonQueryAsync(token);
        }

        const string what = "plain PostgreSQL INSERT (floor)";
        return new(what, (clients, duration, token) => Latencies.ClosedLoopAsync(what, clients, duration, InsertAsync, token));
    }
}
