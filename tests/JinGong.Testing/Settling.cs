using Npgsql;

namespace JinGong.Testing;

/// <summary>When a whole system has finished what it was set in motion to do.</summary>
public static class Settling
{
    /// <summary>
    /// Nothing left to do in <paramref name="services"/>: each publisher and projection has reached the last event, and
    /// no consumer has applied anything for a few seconds.
    /// </summary>
    public static async Task SettledAsync(this SystemFixture system, IEnumerable<string> services)
    {
        var previous = string.Empty;
        await Eventually.ReturnsAsync(async ct =>
        {
            // Two looks a few seconds apart: a consumer still applying moves its count between them.
            if (previous.Length > 0 && !await PausedAsync(TimeSpan.FromSeconds(3), ct))
            {
                return (Settled: false, State: previous);
            }

            var now = new List<string>();
            foreach (var service in services)
            {
                // What lags names itself: each publisher or projection short of the last event, and by how much. (After a
                // restore the daemon may stand past the last event: sequences come back up to 32 ahead of their last use.)
                await using var database = NpgsqlDataSource.Create(await system.ConnectionStringAsync($"{service}db"));
                await using var read = database.CreateCommand("""
                    WITH last AS (SELECT coalesce(max(seq_id), 0) AS seq FROM mt_events)
                    SELECT coalesce(string_agg(name || ' ' || (last.seq - last_seq_id), ', ' ORDER BY name), ''),
                      (SELECT count(*) FROM mt_doc_processedmessage)
                    FROM last LEFT JOIN mt_event_progression ON name NOT LIKE 'HighWater%' AND last_seq_id < last.seq
                    GROUP BY last.seq
                    """);
                await using var reader = await read.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                // A consumer skipping messages sent again (after a restore: every event of the minutes before T) applies
                // nothing while it works through them, and what it has yet to apply waits behind them on its queue.
                var skipped = (await system.SkippedRedeliveriesAsync(service)).Count;
                now.Add($"{service}: {reader.GetInt64(1)} applied, {skipped} skipped{(reader.GetString(0) is { Length: > 0 } behind ? $", behind: {behind}" : string.Empty)}");
            }

            var state = string.Join("; ", now);
            var settled = state == previous && !state.Contains("behind", StringComparison.Ordinal);
            previous = state;
            return (Settled: settled, State: state);
        }, probe => probe.Settled, TimeSpan.FromMinutes(5), "the services settled (the same twice in a row, nothing behind)");
    }

    private static async Task<bool> PausedAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(pause, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
