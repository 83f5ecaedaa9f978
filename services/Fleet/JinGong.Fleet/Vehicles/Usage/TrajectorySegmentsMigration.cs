using Marten;
using Npgsql;

namespace JinGong.Fleet.Vehicles.Usage;

/// <summary>
/// Moves the readings of earlier releases, kept as one JSON document per batch (<c>mt_doc_trajectorysegment</c>), into
/// <see cref="VehicleReadings"/>, once, before fleet answers its first request; then drops the documents' table and
/// functions. Their time of recording is the document's last modification. Started after Marten's own start, which makes
/// the new tables; replicas starting together take turns on an advisory lock, and the second finds nothing to move.
/// </summary>
public sealed partial class TrajectorySegmentsMigration(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<TrajectorySegmentsMigration> logger)
    : IHostedService
{
    public const string LegacyTableName = "mt_doc_trajectorysegment";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var legacy = $"{schema}.{LegacyTableName}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var turn = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('jingong-fleet-trajectory-segments'))", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand($"select to_regclass('{legacy}') is not null", connection, transaction))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return;
            }
        }

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
            drop table {legacy};
            drop function if exists {schema}.mt_upsert_trajectorysegment;
            drop function if exists {schema}.mt_insert_trajectorysegment;
            drop function if exists {schema}.mt_update_trajectorysegment;
            drop function if exists {schema}.mt_overwrite_trajectorysegment;
            """, connection, transaction);
        await batchesAndCleanUp.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogMoved(moved);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Readings} telematics readings of earlier releases' trajectory segments into the readings table")]
    private partial void LogMoved(int readings);
}
