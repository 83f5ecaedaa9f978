using Npgsql;

namespace JinGong.Testing;

/// <summary>
/// A lock the test takes in a service's database from its own session and holds until disposed, to stop the service at a
/// chosen step (a consumer's commit, the publisher's progress record) as a slow database would, and strike a fault then.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private DatabaseLock(string connectionString, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connectionString = connectionString;
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>Runs <paramref name="lockStatement"/> (a <c>LOCK TABLE</c> or <c>SELECT … FOR UPDATE</c>) in a transaction left open.</summary>
    public static async Task<DatabaseLock> TakeAsync(string connectionString, string lockStatement, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(lockStatement, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new DatabaseLock(connectionString, connection, transaction);
    }

    /// <summary>How many other sessions are waiting for this lock right now (running a statement that contains <paramref name="statement"/>, if given).</summary>
    public async Task<long> WaitingAsync(string? statement, CancellationToken cancellationToken)
    {
        // Asked on a connection of its own: the holding one is busy holding.
        await using var probe = new NpgsqlConnection(connectionString);
        await probe.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) AND ($2::text IS NULL OR strpos(query, $2) > 0)", probe)
        {
            Parameters = { new() { Value = connection.ProcessID }, new() { Value = (object?)statement ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Waits until a session of the service is stopped at the lock — one running a statement that contains
    /// <paramref name="statement"/>, if given: other work may queue at the same row (Marten's daemon writes a heartbeat
    /// into every progress row), and only the chosen statement is the step the test means to stop.
    /// </summary>
    public Task WaitUntilBlockingAsync(string what, TimeSpan deadline, string? statement = null) =>
        Eventually.ReturnsAsync(ct => WaitingAsync(statement, ct), waiting => waiting > 0, deadline, what);

    /// <summary>Lets the waiting sessions go on; quietly, if the server went down (or was restarted) with the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.RollbackAsync();
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
        {
            // The server ended the session; the lock went with it.
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
