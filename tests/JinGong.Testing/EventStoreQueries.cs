using Npgsql;

namespace JinGong.Testing;

/// <summary>
/// What a service's event store holds, read straight from its database, as an auditor would. Marten's tombstones are
/// left out: when a transaction that reserved event sequence numbers fails (a lost race), Marten records the skipped
/// numbers as tombstone events so that its daemon does not wait on the gap; they are no one's business event.
/// </summary>
public sealed class EventStoreQueries(string connectionString)
{
    public sealed record StoredEvent(Guid Id, string StreamId, string Type, string? CorrelationId, string? CausationId, string? UserName, DateTimeOffset RecordedAt);

    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(string? streamId = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT id, stream_id, type, correlation_id, causation_id, user_name, timestamp
            FROM mt_events WHERE ($1::text IS NULL OR stream_id = $1) AND stream_id <> 'mt_tombstone' ORDER BY seq_id
            """, connection)
        {
            Parameters = { new() { Value = (object?)streamId ?? DBNull.Value, DataTypeName = "text" } },
        };
        var events = new List<StoredEvent>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add(new StoredEvent(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No event has been stored in this database yet.
        }

        return events;
    }

    /// <summary>
    /// How many event sequence numbers from <paramref name="streamId"/>'s first event to its last hold no business event:
    /// numbers a transaction reserved and then rolled back (a lost race), left as a hole or a tombstone.
    /// </summary>
    public async Task<long> SkippedSequenceNumbersAsync(string streamId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH stream AS (SELECT min(seq_id) AS first, max(seq_id) AS last FROM mt_events WHERE stream_id = $1)
            SELECT coalesce(max(stream.last) - max(stream.first) + 1 - count(*) FILTER (WHERE events.stream_id <> 'mt_tombstone'), 0)
            FROM stream LEFT JOIN mt_events events ON events.seq_id BETWEEN stream.first AND stream.last
            """, connection)
        {
            Parameters = { new() { Value = streamId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The tables of the database's own schemas whose rows, read as text (every column: events' data, metadata and
    /// headers, documents, any table of the service's), contain <paramref name="text"/>, with how many rows: where a
    /// value is held, whatever holds it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> TablesHoldingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var listing = new NpgsqlCommand(
            """
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await listing.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var holding = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM {table} row WHERE strpos(row::text, $1) > 0", connection) { Parameters = { new() { Value = text } } };
            if ((long)(await search.ExecuteScalarAsync())! is var rows and > 0)
            {
                holding[table] = rows;
            }
        }

        return holding;
    }

    /// <summary>
    /// Which of <paramref name="ids"/> (<c>{consumer}/{message id}</c>) the service's consumers recorded as applied, in the
    /// same transaction as their effect: a message in this set reached that consumer and changed it once.
    /// </summary>
    public async Task<IReadOnlySet<string>> ProcessedMessagesAsync(IReadOnlyCollection<string> ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM mt_doc_processedmessage WHERE id = ANY($1)", connection)
        {
            Parameters = { new() { Value = ids.ToArray() } },
        };
        var processed = new HashSet<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                processed.Add(reader.GetString(0));
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No consumer of this service has applied a message yet.
        }

        return processed;
    }
}
