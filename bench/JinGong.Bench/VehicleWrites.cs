using System.Diagnostics;
using System.Text.Json;
using JasperFx;
using JinGong.Fleet.Vehicles;
using Marten;
using Npgsql;

namespace JinGong.Bench;

/// <summary>
/// Vehicle registrations (each a new stream: validate, append, inline snapshot and timeline, commit) at the same
/// concurrency four ways: through the gateway, straight to fleet, in-process Marten with fleet's own store
/// configuration, and a plain PostgreSQL insert of the same JSON (the floor).
/// </summary>
public static class VehicleWrites
{
    /// <summary>
    /// wrk with <c>bench/register.lua</c>, which prints one JSON summary line at the end. Every request carries
    /// <paramref name="accessToken"/>, as a signed-in client's would.
    /// </summary>
    public static Task<Throughput> OverHttpAsync(string what, Uri target, string accessToken, int clients, TimeSpan duration, CancellationToken cancellationToken) =>
        WrkAsync(what, target, accessToken, threads: 2, clients, duration, [], cancellationToken);

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
        // A short warm-up so that JIT and connection pools are not what is measured.
        await RunWrkAsync([$"-t{threads}", $"-c{Math.Min(clients, 8)}", "-d3s", "-s", script, target.ToString(), .. scriptArguments], accessToken, cancellationToken);
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

    /// <summary>What fleet's endpoint does minus HTTP and validation: FetchForWriting, append, commit, with fleet's projections inline.</summary>
    public static async Task<Throughput> InProcessMartenAsync(string connectionString, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var store = DocumentStore.For(options =>
        {
            options.ConfigureEventStore();
            options.ConfigureVehicles();
            options.Connection(dataSource);
            options.DatabaseSchemaName = options.Events.DatabaseSchemaName = "bench_in_process";
            options.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        Task RegisterAsync(long n, CancellationToken token) => RegisterInProcessAsync(store, $"IP-{run}-{n}", token);
        await Latencies.ClosedLoopAsync("warm-up", 8, TimeSpan.FromSeconds(3), RegisterAsync, cancellationToken);
        return await Latencies.ClosedLoopAsync("in-process Marten FetchForWriting + append", clients, duration, RegisterAsync, cancellationToken);
    }

    private static async Task RegisterInProcessAsync(IDocumentStore store, string code, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Vehicle>(code, cancellationToken);
        stream.AppendOne(new VehicleRegistered(code, "XE-80", "excavator", "east", "bench-1", DateTimeOffset.UtcNow));
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The floor: one INSERT of the event's JSON per operation, on the same server, same concurrency.</summary>
    public static async Task<Throughput> PlainInsertsAsync(string connectionString, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
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
            insert.Parameters.AddWithValue(JsonSerializer.Serialize(new VehicleRegistered(code, "XE-80", "excavator", "east", "bench-1", DateTimeOffset.UtcNow)));
            await insert.ExecuteNonQueryAsync(token);
        }

        await Latencies.ClosedLoopAsync("warm-up", 8, TimeSpan.FromSeconds(3), InsertAsync, cancellationToken);
        return await Latencies.ClosedLoopAsync("plain PostgreSQL INSERT", clients, duration, InsertAsync, cancellationToken);
    }
}
