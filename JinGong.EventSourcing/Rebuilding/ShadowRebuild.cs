using System.Data;
using System.Diagnostics;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JinGong.EventSourcing.Rebuilding;

/// <summary>How this service's store is configured, kept so that a shadow store can be built the same way over another schema.</summary>
public sealed record EventStoreConfiguration(Action<StoreOptions> Configure);

/// <summary>
/// A table a service keeps beside its projections from other stored data than events (fleet's readings counted per day):
/// the rebuild check derives it again from that data, in the same snapshot as the live copy, and compares it row by row
/// as it does a projection. Each query is given the service's schema and selects <c>(id text, data jsonb)</c>.
/// </summary>
/// <param name="Rows">The live table's rows.</param>
/// <param name="Derivation">The same rows derived again from their source.</param>
public sealed record DerivedTable(string Name, string TableName, Func<string, string> Rows, Func<string, string> Derivation);

/// <summary>One projection rebuilt from zero and compared with the live one: equal, or the keys whose rows differ.</summary>
public sealed record ProjectionComparison(
    string Projection, string Table, long LiveRows, long RebuiltRows, double Seconds, double EventsPerSecond,
    bool Equal, long DifferingCount, IReadOnlyList<string> DifferingKeys);

/// <summary>
/// A rebuild check of one service: <paramref name="Events"/> events (up to sequence <paramref name="HighestSequence"/>),
/// copied at one instant with the live projections, rebuilt into the schema <paramref name="Shadow"/>.
/// </summary>
public sealed record RebuildReport(
    string Service, DateTimeOffset At, long Events, long HighestSequence, string Shadow, bool Equal,
    IReadOnlyList<ProjectionComparison> Projections);

/// <summary>
/// Proves that what the live projections hold is what the events say: copies the event store and the live projection
/// tables at one instant (one repeatable-read transaction, so a command committing meanwhile is either in both or in
/// neither), rebuilds every projection from zero into a shadow schema with a store configured exactly as the service's,
/// and compares the rebuilt rows with the live copy key by key. Nothing live is written: the shadow has its own event
/// tables, progress and documents. It is kept after a difference, for an operator to inspect, and dropped otherwise.
/// </summary>
public sealed partial class ShadowRebuild(
    IDocumentStore live, NpgsqlDataSource dataSource, EventStoreConfiguration configuration, ServiceIdentity service,
    IEnumerable<DerivedTable> derivedTables, TimeProvider clock, ILogger<ShadowRebuild> logger)
{
    public const string ShadowSchema = "rebuild_shadow";

    /// <summary>The differing keys listed per projection; the count says how many there are in all.</summary>
    public const int MaxDifferingKeysListed = 100;

    // One check at a time per database, across replicas: an advisory lock, released with its connection.
    private const long CheckLock = 0x4A47_5245_4255_494C; // "JGREBUIL"
    private static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The report, or <c>null</c> when another check of this database is running.</summary>
    public async Task<RebuildReport?> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({CheckLock})", cancellationToken))
        {
            return null;
        }

        try
        {
            return await RebuildAndCompareAsync(connection, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({CheckLock})", CancellationToken.None);
        }
    }

    private async Task<RebuildReport> RebuildAndCompareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {ShadowSchema} CASCADE", cancellationToken);
        using var store = new DocumentStore(ShadowOptions());
        IDocumentStore shadow = store;
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var projections = store.Options.Projections.All
            // Subscriptions (publishing to the bus, moving key results) write nothing to rebuild; none is registered here anyway.
            .Where(projection => projection.PublishedTypes().Any())
            .Select(projection => ShadowedProjection.Of(
                projection.Name,
                live.Options.Schema.For(projection.PublishedTypes().Single()),
                shadow.Options.Schema.For(projection.PublishedTypes().Single())))
            .ToList();
        var derived = derivedTables.ToList();
        var (events, highestSequence, derivations) = await CopyLiveAsync(connection, shadow, projections, derived, cancellationToken);

        using var daemon = await shadow.BuildProjectionDaemonAsync();
        var comparisons = new List<ProjectionComparison>();
        foreach (var projection in projections)
        {
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(projection.Name, ShardTimeout, cancellationToken);
            watch.Stop();
            var comparison = await CompareAsync(connection, projection, events, watch.Elapsed, cancellationToken);
            LogCompared(projection.Name, comparison.Equal, comparison.DifferingCount, events, watch.Elapsed.TotalSeconds);
            comparisons.Add(comparison);
        }

        foreach (var (table, took) in derivations)
        {
            var comparison = await CompareAsync(connection, table, events, took, cancellationToken);
            LogCompared(table.Name, comparison.Equal, comparison.DifferingCount, events, took.TotalSeconds);
            comparisons.Add(comparison);
        }

        var equal = comparisons.TrueForAll(comparison => comparison.Equal);
        if (equal)
        {
            await ExecuteAsync(connection, $"DROP SCHEMA {ShadowSchema} CASCADE", cancellationToken);
        }

        return new RebuildReport(service.Name, at, events, highestSequence, ShadowSchema, equal, comparisons);
    }

    private StoreOptions ShadowOptions()
    {
        var options = new StoreOptions();
        configuration.Configure(options);
        options.Connection(dataSource);
        options.DatabaseSchemaName = ShadowSchema;
        options.Events.DatabaseSchemaName = ShadowSchema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        return options;
    }

    /// <summary>A live table, its copy taken in the snapshot, and what it is compared with: its rebuild, or its derivation.</summary>
    private sealed record ShadowedProjection(string Name, string LiveTable, string LiveCopy, string ShadowTable)
    {
        public static ShadowedProjection Of(string name, string liveTable, string shadowTable) =>
            new(name, liveTable, $"{ShadowSchema}.live_{liveTable[(liveTable.LastIndexOf('.') + 1)..]}", shadowTable);

        public static ShadowedProjection Derived(string schema, DerivedTable table) =>
            new(table.Name, $"{schema}.{table.TableName}", $"{ShadowSchema}.live_{table.TableName}", $"{ShadowSchema}.derived_{table.TableName}");
    }

    private async Task<(long Events, long HighestSequence, IReadOnlyList<(ShadowedProjection Table, TimeSpan Took)> Derivations)> CopyLiveAsync(
        NpgsqlConnection connection, IDocumentStore shadow, IReadOnlyList<ShadowedProjection> projections, IReadOnlyList<DerivedTable> derived,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await CopyTableAsync(connection, live.Options.Schema.ForStreams(), shadow.Options.Schema.ForStreams(), cancellationToken);
        await CopyTableAsync(connection, live.Options.Schema.ForEvents(), shadow.Options.Schema.ForEvents(), cancellationToken);
        foreach (var projection in projections)
        {
            await ExecuteAsync(connection, $"CREATE TABLE {projection.LiveCopy} AS SELECT id, data FROM {projection.LiveTable}", cancellationToken);
        }

        // Derived in the same snapshot as their live copy: a write committing meanwhile is in both or in neither.
        var schema = live.Options.DatabaseSchemaName;
        var derivations = new List<(ShadowedProjection, TimeSpan)>();
        foreach (var table in derived)
        {
            var shadowed = ShadowedProjection.Derived(schema, table);
            await ExecuteAsync(connection, $"CREATE TABLE {shadowed.LiveCopy} AS {table.Rows(schema)}", cancellationToken);
            var watch = Stopwatch.StartNew();
            await ExecuteAsync(connection, $"CREATE TABLE {shadowed.ShadowTable} AS {table.Derivation(schema)}", cancellationToken);
            derivations.Add((shadowed, watch.Elapsed));
        }

        var events = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {shadow.Options.Schema.ForEvents()}", cancellationToken);
        var highest = await ScalarAsync<long>(connection, $"SELECT coalesce(max(seq_id), 0) FROM {shadow.Options.Schema.ForEvents()}", cancellationToken);
        if (highest > 0)
        {
            // The shadow's own appends (none are made) and its high-water detection start where the copy ends.
            await ExecuteAsync(connection, $"SELECT setval('{ShadowSchema}.mt_events_sequence', {highest})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (events, highest, derivations);
    }

    // Column by column: a live table patched over the years may order its columns differently from a fresh one.
    private static async Task CopyTableAsync(NpgsqlConnection connection, string from, string to, CancellationToken cancellationToken)
    {
        await using var columns = new NpgsqlCommand(
            """
            SELECT string_agg(quote_ident(target.column_name), ', ' ORDER BY target.ordinal_position)
            FROM information_schema.columns target
            JOIN information_schema.columns source ON source.column_name = target.column_name
            WHERE target.table_schema || '.' || target.table_name = $1 AND source.table_schema || '.' || source.table_name = $2
            """, connection)
        {
            Parameters = { new() { Value = to }, new() { Value = from } },
        };
        var list = (string)(await columns.ExecuteScalarAsync(cancellationToken))!;
        await ExecuteAsync(connection, $"INSERT INTO {to} ({list}) SELECT {list} FROM {from}", cancellationToken);
    }

    private static async Task<ProjectionComparison> CompareAsync(
        NpgsqlConnection connection, ShadowedProjection projection, long events, TimeSpan took, CancellationToken cancellationToken)
    {
        // jsonb equality is by value: key order and number formatting do not make rows differ, content does.
        var differing = $"""
            SELECT coalesce(live.id, rebuilt.id)::text AS id
            FROM {projection.LiveCopy} live FULL JOIN {projection.ShadowTable} rebuilt ON rebuilt.id = live.id
            WHERE live.data IS DISTINCT FROM rebuilt.data
            """;
        var differingCount = await ScalarAsync<long>(connection, $"SELECT count(*) FROM ({differing}) d", cancellationToken);
        var keys = new List<string>();
        await using (var command = new NpgsqlCommand($"{differing} ORDER BY 1 LIMIT {MaxDifferingKeysListed}", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetString(0));
            }
        }

        var liveRows = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {projection.LiveCopy}", cancellationToken);
        var rebuiltRows = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {projection.ShadowTable}", cancellationToken);
        var seconds = Math.Round(took.TotalSeconds, 3);
        var rate = took > TimeSpan.Zero ? Math.Round(events / took.TotalSeconds) : 0;
        return new ProjectionComparison(
            projection.Name, projection.LiveTable, liveRows, rebuiltRows, seconds, rate, differingCount == 0, differingCount, keys);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt {Projection} from {Events} events in {Seconds:F1} s: equal {Equal}, {Differing} differing keys")]
    private partial void LogCompared(string projection, bool equal, long differing, long events, double seconds);
}
