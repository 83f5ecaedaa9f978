using JinGong.EventSourcing.Rebuilding;
using JinGong.Domain.Figures;
using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace JinGong.Fleet.Vehicles.Usage;

/// <summary>
/// What fleet knows of the readings around a new batch when it decides on it: whether the batch was recorded already,
/// and the stored readings that the batch's points fall among (the last before its first point, every one inside its
/// span, the first after its last point), in time order.
/// </summary>
public sealed record StoredReadings(bool BatchRecorded, IReadOnlyList<MeterReading> Around);

/// <summary>A vehicle's path over a range: how many readings it has there, and the points that stand for them.</summary>
public sealed record ReadingsPath(int Readings, IReadOnlyList<UsagePoint> Points);

/// <summary>
/// Telematics readings, one row per vehicle and instant, with the position as PostGIS geography: where a
/// time-and-space workload belongs (a vehicle-year at a reading a minute is half a million rows, read by time range
/// and by area), not JSON documents. The vehicle's stream keeps one summary event per accepted batch, the audit trail;
/// the rows are written in the same transaction as that event, so there is never one without the other.
/// <para>
/// <c>recorded_at</c> is when fleet learnt of the reading (the transaction's time), <c>at</c> when it was taken: the two
/// clocks of a late upload. Batches are kept by id apart from their readings, so a resent batch is recognised even when
/// every one of its readings was already stored by another.
/// </para>
/// </summary>
public static class VehicleReadings
{
    public const string TableName = "vehicle_readings";
    public const string BatchesTableName = "vehicle_usage_batches";
    public const string DaysTableName = "vehicle_reading_days";

    public static void Declare(StoreOptions options)
    {
        var readings = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        readings.AddColumn<string>("vehicle_code").AsPrimaryKey();
        readings.AddColumn("at", "timestamp with time zone").AsPrimaryKey();
        readings.AddColumn("operating_hours", "numeric").NotNull();
        readings.AddColumn("position", "geography(Point,4326)").NotNull()
            .AddIndex(index => index.Method = IndexMethod.gist);
        readings.AddColumn<string>("batch_id").NotNull();
        readings.AddColumn("recorded_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        options.Storage.ExtendedSchemaObjects.Add(readings);

        var batches = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, BatchesTableName, SchemaUtils.IdentifierUsage.General));
        batches.AddColumn<string>("vehicle_code").AsPrimaryKey();
        batches.AddColumn<string>("batch_id").AsPrimaryKey();
        batches.AddColumn<int>("points").NotNull();
        batches.AddColumn("recorded_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        options.Storage.ExtendedSchemaObjects.Add(batches);

        // How many readings each vehicle has per UTC day, kept with every insert: a path says how many readings it stands
        // for without counting a year of them (half a million index entries, ~150 ms) on every read.
        var days = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, DaysTableName, SchemaUtils.IdentifierUsage.General));
        days.AddColumn<string>("vehicle_code").AsPrimaryKey();
        days.AddColumn("day", "date").AsPrimaryKey();
        days.AddColumn<int>("readings").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(days);
    }

    /// <summary>The SQL that adds readings just stored (a set named <c>stored</c> with their <c>vehicle_code</c> and <c>at</c>) to the days' counts.</summary>
    private static string CountDaysOf(string schema, string stored) =>
        $"""
        insert into {schema}.{DaysTableName} as days (vehicle_code, day, readings)
        {DaysOf(stored)}
        on conflict (vehicle_code, day) do update set readings = days.readings + excluded.readings
        """;

    /// <summary>The SQL that counts the readings of <paramref name="readings"/> per vehicle and UTC day (<c>vehicle_code, day, readings</c>).</summary>
    public static string DaysOf(string readings) =>
        $"select vehicle_code, (at at time zone 'UTC')::date as day, count(*)::int as readings from {readings} group by 1, 2";

    /// <summary>
    /// The days' counts, in the rebuild check: kept with every insert, they must equal the readings counted again at the
    /// same instant, vehicle by vehicle and day by day.
    /// </summary>
    public static readonly DerivedTable ReadingDays = new(
        "ReadingDays", DaysTableName,
        schema => $"select vehicle_code || '/' || day as id, to_jsonb(readings) as data from {schema}.{DaysTableName}",
        schema => $"select vehicle_code || '/' || day as id, to_jsonb(readings) as data from ({DaysOf($"{schema}.{TableName}")}) counted");

    /// <summary>
    /// Keeps the batch and its readings with what <paramref name="session"/> saves. Readings already stored (same vehicle,
    /// same instant; the decider made sure they say the same) are not stored twice.
    /// </summary>
    public static void Keep(IDocumentSession session, string code, string batchId, IReadOnlyList<UsagePoint> points)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        session.QueueSqlCommand(
            $"""
            with stored as (
                insert into {schema}.{TableName} (vehicle_code, at, operating_hours, position, batch_id)
                select ?, reading.at, reading.hours, st_setsrid(st_makepoint(reading.longitude, reading.latitude), 4326)::geography, ?
                from unnest(?, ?, ?, ?) as reading(at, hours, latitude, longitude)
                on conflict (vehicle_code, at) do nothing
                returning vehicle_code, at)
            {CountDaysOf(schema, "stored")}
            """,
            code, batchId,
            points.Select(point => point.At).ToArray(), points.Select(point => point.OperatingHours).ToArray(),
            points.Select(point => point.Latitude).ToArray(), points.Select(point => point.Longitude).ToArray());
        session.QueueSqlCommand(
            $"insert into {schema}.{BatchesTableName} (vehicle_code, batch_id, points) values (?, ?, ?) on conflict do nothing",
            code, batchId, points.Count);
    }

    /// <summary>The stored readings a batch from <paramref name="from"/> to <paramref name="to"/> falls among, and whether it was recorded already.</summary>
    public static async Task<StoredReadings> AroundAsync(
        NpgsqlDataSource dataSource, string schema, string code, string batchId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            $"""
            (select at, operating_hours from {schema}.{TableName} where vehicle_code = $1 and at < $2 order by at desc limit 1)
            union all
            (select at, operating_hours from {schema}.{TableName} where vehicle_code = $1 and at between $2 and $3)
            union all
            (select at, operating_hours from {schema}.{TableName} where vehicle_code = $1 and at > $3 order by at limit 1)
            order by at
            """,
            code, from, to));
        batch.BatchCommands.Add(Command($"select exists (select 1 from {schema}.{BatchesTableName} where vehicle_code = $1 and batch_id = $2)", code, batchId));
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        var around = new List<MeterReading>();
        while (await rows.ReadAsync(cancellationToken))
        {
            around.Add(new MeterReading(rows.GetFieldValue<DateTimeOffset>(0), rows.GetDecimal(1)));
        }

        await rows.NextResultAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        return new StoredReadings(rows.GetBoolean(0), around);
    }

    /// <summary>
    /// The vehicle's path from <paramref name="from"/> to <paramref name="to"/>: every reading in time order when there are
    /// at most <paramref name="maxPoints"/>, else a sample of them spread evenly in time (the first reading at or after each
    /// of <paramref name="maxPoints"/> − 1 instants evenly spaced from the first reading to the last, and the last), which
    /// keeps the path's shape at the scale it is drawn. The sample is found by one index probe per point, so a year of
    /// readings costs what a day does, bar the count.
    /// </summary>
    public static async Task<ReadingsPath> PathAsync(
        NpgsqlDataSource dataSource, string schema, string code, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken)
    {
        DateTimeOffset first, last;
        int readings;
        // The first and last reading in the range by the index; the count from the days' counts, but for the two days at
        // its ends, which are counted reading by reading.
        await using (var span = dataSource.CreateCommand(
            $"""
            with bounds as (
                select (select at from {schema}.{TableName} where vehicle_code = $1 and at >= $2 order by at limit 1) as first,
                       (select at from {schema}.{TableName} where vehicle_code = $1 and at <= $3 order by at desc limit 1) as last),
            days as (select first, last, (first at time zone 'UTC')::date as first_day, (last at time zone 'UTC')::date as last_day from bounds)
            select case
                when first is null or last is null or first > last then 0
                when first_day = last_day then (select count(*) from {schema}.{TableName} where vehicle_code = $1 and at between first and last)
                else (select count(*) from {schema}.{TableName} where vehicle_code = $1 and at >= first and at < (first_day + 1) at time zone 'UTC')
                   + (select coalesce(sum(readings), 0) from {schema}.{DaysTableName} where vehicle_code = $1 and day > first_day and day < last_day)
                   + (select count(*) from {schema}.{TableName} where vehicle_code = $1 and at >= last_day at time zone 'UTC' and at <= last)
                end::int, first, last
            from days
            """))
        {
            span.Parameters.Add(new NpgsqlParameter { Value = code });
            span.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
            span.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
            await using var row = await span.ExecuteReaderAsync(cancellationToken);
            await row.ReadAsync(cancellationToken);
            readings = row.GetInt32(0);
            if (readings == 0)
            {
                return new ReadingsPath(0, []);
            }

            (first, last) = (row.GetFieldValue<DateTimeOffset>(1), row.GetFieldValue<DateTimeOffset>(2));
        }

        const string Columns = "at, operating_hours, st_y(position::geometry), st_x(position::geometry)";
        await using var command = dataSource.CreateCommand(readings <= maxPoints
            ? $"select {Columns} from {schema}.{TableName} where vehicle_code = $1 and at between $2 and $3 order by at"
            : $"""
               select distinct on (at) {Columns} from (
                   select sampled.* from generate_series(0, $4 - 2) as bucket(i)
                   cross join lateral (
                       select at, operating_hours, position from {schema}.{TableName}
                       where vehicle_code = $1 and at >= $2 + ($3 - $2) * (bucket.i::float8 / ($4 - 1)) and at <= $3
                       order by at limit 1) sampled
                   union all
                   select at, operating_hours, position from {schema}.{TableName} where vehicle_code = $1 and at = $3
               ) path order by at
               """);
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        command.Parameters.Add(new NpgsqlParameter { Value = maxPoints });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<UsagePoint>(Math.Min(readings, maxPoints));
        while (await rows.ReadAsync(cancellationToken))
        {
            points.Add(new UsagePoint(rows.GetFieldValue<DateTimeOffset>(0), rows.GetDecimal(1), rows.GetDouble(2), rows.GetDouble(3)));
        }

        return new ReadingsPath(readings, points);
    }

    /// <summary>
    /// For each vehicle, the readings taken by <paramref name="asOf"/> (and recorded by <paramref name="knownAt"/>, when
    /// given) that bracket each of its <paramref name="instants"/>
    /// (the last at or before, the first after), in time order: all the meter needs to be read at those instants, since
    /// between two consecutive readings it is interpolated. A month of a fleet is a few probes per spell, not every reading.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<MeterReading>>> BracketingAsync(
        NpgsqlDataSource dataSource, string schema, IReadOnlyCollection<(string Vehicle, DateTimeOffset Instant)> instants, DateTimeOffset asOf,
        DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select distinct asked.vehicle_code, reading.at, reading.operating_hours
            from unnest($1::text[], $2::timestamptz[]) as asked(vehicle_code, at)
            cross join lateral (
                (select at, operating_hours from {schema}.{TableName} stored
                 where stored.vehicle_code = asked.vehicle_code and stored.at <= asked.at and stored.at <= $3
                   and ($4::timestamptz is null or stored.recorded_at <= $4) order by stored.at desc limit 1)
                union all
                (select at, operating_hours from {schema}.{TableName} stored
                 where stored.vehicle_code = asked.vehicle_code and stored.at > asked.at and stored.at <= $3
                   and ($4::timestamptz is null or stored.recorded_at <= $4) order by stored.at limit 1)
            ) reading
            order by 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = instants.Select(asked => asked.Vehicle).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = instants.Select(asked => asked.Instant.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = knownAt?.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var readings = new Dictionary<string, List<MeterReading>>(StringComparer.Ordinal);
        while (await rows.ReadAsync(cancellationToken))
        {
            var vehicle = rows.GetString(0);
            if (!readings.TryGetValue(vehicle, out var ofVehicle))
            {
                readings.Add(vehicle, ofVehicle = []);
            }

            ofVehicle.Add(new MeterReading(rows.GetFieldValue<DateTimeOffset>(1), rows.GetDecimal(2)));
        }

        return readings.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<MeterReading>)pair.Value, StringComparer.Ordinal);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value is DateTimeOffset instant ? instant.ToUniversalTime() : value });
        }

        return command;
    }
}
