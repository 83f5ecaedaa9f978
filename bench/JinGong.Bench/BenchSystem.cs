using System.Globalization;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using JinGong.Simulation;
using JinGong.Testing;
using Npgsql;

namespace JinGong.Bench;

/// <summary>The whole system as the tests start it (local PostgreSQL and RabbitMQ, a private data folder), and its processes.</summary>
public sealed class BenchSystem : IAsyncDisposable
{
    public static readonly string[] Resources = ["postgres", "messaging", "fleet", "orders", "dispatch", "okr", "knowledge", "identity", "gateway"];
    private readonly SystemFixture system = new();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public Uri Gateway => system.GatewayAddress;

    public string DataDirectory => system.DataDirectory;

    /// <summary>A client of the gateway signed in as the administrator, who may make every write measured.</summary>
    public HttpClient SignedInGateway => system.Gateway;

    /// <summary>A fresh access token for the administrator, for load tools that send it themselves.</summary>
    public Task<string> AccessTokenAsync(CancellationToken cancellationToken) =>
        SignIn.AccessTokenAsync(system.GatewayAddress, SignIn.Administrator, SignIn.AdministratorPassword(system.DataDirectory), cancellationToken);

    public Uri Fleet => system.App.GetEndpoint("fleet", "http");

    public Task<string> ConnectionStringAsync(string name) => system.ConnectionStringAsync(name);

    /// <summary>
    /// A database of its own on the same server for the baselines (in-process Marten, plain INSERTs), so that their
    /// appends neither wake fleet's daemon nor share its tables; as fleet's owner, who may create schemas in it. PostGIS is
    /// created in it as the AppHost creates it in fleet's (by the superuser): fleet's schema, readings included, needs it.
    /// </summary>
    public async Task<string> BaselineDatabaseAsync(CancellationToken cancellationToken)
    {
        var fleet = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync("fleetdb"));
        var superuser = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync("postgres")) { Database = "postgres" };
        await using (var server = new NpgsqlConnection(superuser.ConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'benchdb'", server);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE benchdb OWNER \"{fleet.Username}\"", server);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        superuser.Database = "benchdb";
        await using (var inside = new NpgsqlConnection(superuser.ConnectionString))
        {
            await inside.OpenAsync(cancellationToken);
            await using var postgis = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", inside);
            await postgis.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(fleet.ConnectionString) { Database = "benchdb" }.ConnectionString;
    }

    /// <summary>
    /// Runs <paramref name="variant"/> once with PostgreSQL's statement statistics reset before it, and returns the
    /// statements the server spent most time on until the system settled, per operation of the run: where the time of a
    /// write goes, in every database it reached (the service's, its consumers', the daemon's).
    /// </summary>
    public async Task<(Throughput Run, IReadOnlyList<StatementCost> Statements)> StatementProfileAsync(
        WriteVariant variant, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await ConnectionStringAsync("postgres")) { Database = "postgres" }.ConnectionString);
        await server.OpenAsync(cancellationToken);
        await using (var prepare = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", server))
        {
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }

        await SettleAsync(cancellationToken);
        await using (var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", server))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var run = await variant.RunAsync(clients, duration, cancellationToken);
        await SettleAsync(cancellationToken);
        var operations = (double)Math.Max(1, run.Operations);
        await using var top = new NpgsqlCommand(
            """
            SELECT d.datname, left(regexp_replace(s.query, '\s+', ' ', 'g'), 110), s.calls, s.total_exec_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            ORDER BY s.total_exec_time DESC LIMIT 15
            """, server);
        await using var reader = await top.ExecuteReaderAsync(cancellationToken);
        var statements = new List<StatementCost>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(new StatementCost(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                Math.Round(reader.GetInt64(2) / operations, 2), Math.Round(reader.GetDouble(3) / operations, 3)));
        }

        return (run, statements);
    }

    /// <summary>
    /// Waits until the system has done what earlier runs asked of it, so that no measurement pays for the one before:
    /// fleet's publisher has reached its last event, dispatch has catalogued every registered vehicle, and the machine is
    /// idle again (less than a fifth of a core busy over half a second, or 20 s at most once the rest is done).
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        fleetDatabase ??= NpgsqlDataSource.Create(await ConnectionStringAsync("fleetdb"));
        dispatchDatabase ??= NpgsqlDataSource.Create(await ConnectionStringAsync("dispatchdb"));
        await Polling.UntilAsync(
            async token => await CountAsync(fleetDatabase, $"SELECT coalesce(max(seq_id), 0) - (SELECT coalesce(max(last_seq_id), 0) FROM mt_event_progression WHERE name = '{IntegrationEventsShard}') FROM mt_events", token)
                // Registrations, not streams: Marten keeps a tombstone stream of its own for appends that rolled back.
                + await CountAsync(fleetDatabase, "SELECT count(*) FROM mt_events WHERE type = 'vehicle_registered_v1'", token)
                - await CountAsync(dispatchDatabase, "SELECT count(*) FROM mt_doc_cataloguevehicle", token),
            behind => behind <= 0, TimeSpan.FromMinutes(10), "fleet's publisher and dispatch's catalogue to catch up", cancellationToken);
        var quietFrom = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow - quietFrom < TimeSpan.FromSeconds(20))
        {
            var before = MachineCpu.Now();
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            if ((MachineCpu.Now() - before).BusyMs < 0.2 * 500)
            {
                return;
            }
        }
    }

    private const string IntegrationEventsShard = $"{JinGong.EventSourcing.Messaging.IntegrationEventPublisher.SubscriptionName}:All";
    private NpgsqlDataSource? fleetDatabase;
    private NpgsqlDataSource? dispatchDatabase;

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using var query = database.CreateCommand(sql);
        return Convert.ToInt64(await query.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The warehouse every registration of the benchmark goes into (register.lua's too).</summary>
    public const string Warehouse = "bench-1";

    public static async Task<BenchSystem> StartAsync()
    {
        var bench = new BenchSystem();
        await bench.system.InitializeAsync();
        // A registration into a warehouse that is not open is refused (422): every write measured would be an error.
        using var opened = await bench.SignedInGateway.PostAsJsonAsync("/api/fleet/warehouses", new { code = Warehouse, region = "east", latitude = 31.49, longitude = 120.31 });
        opened.EnsureSuccessStatusCode();
        return bench;
    }

    /// <summary>Each resource's proportional set size now, in MiB: its process and every process it started.</summary>
    public IReadOnlyDictionary<string, double> MemoryMiB() =>
        ProcessTrees().ToDictionary(tree => tree.Key, tree => Math.Round(tree.Value.Sum(ProportionalSetKiB) / 1024d, 1));

    /// <summary>
    /// The CPU time each resource has used so far, in milliseconds (user and system, of its processes and of those of its
    /// children that have ended: PostgreSQL's backends come and go), the benchmark's own as <c>bench</c> and its load
    /// generator's as <c>load generator</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> CpuMs()
    {
        var used = ProcessTrees().ToDictionary(tree => tree.Key, tree => tree.Value.Sum(CpuTicks) * 1000d / ClockTicksPerSecond);
        used["bench"] = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        // The load generator (wrk) is the bench's child: its time is the bench's children's, once it has ended.
        used[LoadGenerator] = (StatField(Environment.ProcessId, 16) + StatField(Environment.ProcessId, 17)) * 1000d / ClockTicksPerSecond;
        return used;
    }

    public const string LoadGenerator = "load generator";

    // Linux's USER_HZ, which /proc/<pid>/stat counts in: 100 on every architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

    private Dictionary<string, List<int>> ProcessTrees()
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? (Pid: pid, Parent: (int)StatField(pid, 4)) : (Pid: 0, Parent: 0))
            .Where(process => process.Pid > 0)
            .ToLookup(process => process.Parent, process => process.Pid);
        return Resources.ToDictionary(resource => resource, resource =>
        {
            system.App.ResourceNotifications.TryGetCurrentState(resource, out var state);
            var pid = state?.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value;
            var tree = new List<int>();
            if (pid is not null)
            {
                tree.Add(Convert.ToInt32(pid, CultureInfo.InvariantCulture));
                for (var i = 0; i < tree.Count; i++)
                {
                    tree.AddRange(children[tree[i]]);
                }
            }

            return tree;
        });
    }

    // utime, stime, cutime, cstime: fields 14 to 17 of /proc/<pid>/stat.
    private static long CpuTicks(int pid) => StatField(pid, 14) + StatField(pid, 15) + StatField(pid, 16) + StatField(pid, 17);

    /// <summary>Field <paramref name="field"/> (1-based, as proc(5) numbers them) of /proc/<pid>/stat; 0 once it has ended.</summary>
    private static long StatField(int pid, int field)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (field 2, in parentheses, which may hold spaces) start at field 3.
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[field - 3], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long ProportionalSetKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JinGong.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The benchmark runs from inside the repository.");
    }

    public async ValueTask DisposeAsync()
    {
        if (fleetDatabase is not null)
        {
            await fleetDatabase.DisposeAsync();
        }

        if (dispatchDatabase is not null)
        {
            await dispatchDatabase.DisposeAsync();
        }

        await system.DisposeAsync();
    }
}
