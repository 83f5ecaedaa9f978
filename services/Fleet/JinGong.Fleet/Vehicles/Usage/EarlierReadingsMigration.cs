using Marten;
using Npgsql;

namespace JinGong.Fleet.Vehicles.Usage;

/// <summary>
/// Brings readings stored by earlier releases into today's shape, once, before fleet answers its first request: the
/// readings kept as one JSON document per batch (<c>mt_doc_trajectorysegment</c>) are moved into
/// <see cref="VehicleReadings"/> (their time of recording is the document's last modification), its table and functions
/// dropped; and readings stored before the days' counts existed are counted. Started after Marten's own start, which
/// makes the new tables; replicas starting together take turns on an advisory lock, and the second finds nothing to do.
/// </summary>
public sealed partial class EarlierReadingsMigration(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<EarlierReadingsMigration> logger)
    : IHostedService
{
    public const string LegacyTableName = "mt_doc_trajectorysegment";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var legacy = $"{schema}.{LegacyTableName}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var turn = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('jingong-fleet-earlier-readings'))", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand($"select to_regclass('{legacy}') is not null", connection, transaction))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                LogMoved(await MoveSegmentsAsync(connection, transaction, schema, legacy, cancellationToken));
            }
        }

        // The days' counts, recounted whenever they are missing while readings are there (just moved, or stored by the
        // release that introduced the readings table).
        await using (var recount = new NpgsqlCommand(
            $"""
            insert into {schema}.{VehicleReadings.DaysTableName} as days (vehicle_code, day, readings)
            {VehicleReadings.DaysOf($"{schema}.{VehicleReadings.TableName}")}
            on conflict (vehicle_code, day) do update set readings = excluded.readings
            """, connection, transaction))
        await using (var missing = new NpgsqlCommand(
            $"select not exists (select 1 from {schema}.{VehicleReadings.DaysTableName}) and exists (select 1 from {schema}.{VehicleReadings.TableName})",
            connection, transaction))
        {
            if (await missing.ExecuteScalarAsync(cancellationToken) is true)
            {
                await recount.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int> MoveSegmentsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string legacy, CancellationToken cancellationToken)
    {
        await using var readings = new NpgsqlCommand(
            $"""
            insert into {schema}.{VehicleReadings.TableName} (vehicle_code, at, operating_hours, position, batch_id, recorded_at)
            select segment.data->>'VehicleCode', (point->>'At')::timestamptz, (point->>'OperatingHours')::numeric,
                   st_setsrid(st_makepoint((point->>'Longitude')::float8, (point->>'Latitude')::float8), 4326)::geography,
                   segment.data->>'BatchId', segment.mt_last_modified
            from {legacy} segment
            cross join lateral jsonb_array_elements(segment.data->'Points') point
            on conflict (vehicle_code, at) do nothing
            """, connection, transaction);
        var moved = await readings.ExecuteNonQueryAsync(cancellationToken);
        await using var batchesAndCleanUp = new NpgsqlCommand(
            $"""
            insert into {schema}.{VehicleReadings.BatchesTableName} (vehicle_code, batch_id, points, recorded_at)
            select segment.data->>'VehicleCode', segment.data->>'BatchId', jsonb_array_length(segment.data->'Points'), segment.mt_last_modified
            from {legacy} segment
            on conflict do nothing;
            truncate {schema}.{VehicleReadings.DaysTableName};
            drop table {legacy};
            drop function if exists {schema}.mt_upsert_trajectorysegment;
            drop function if exists {schema}.mt_insert_trajectorysegment;
            drop function if exists {schema}.mt_update_trajectorysegment;
            drop function if exists {schema}.mt_overwrite_trajectorysegment;
            """, connection, transaction);
        await batchesAndCleanUp.ExecuteNonQueryAsync(cancellationToken);
        return moved;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Readings} telematics readings of earlier releases' trajectory segments into the readings table")]
    private partial void LogMoved(int readings);
}
