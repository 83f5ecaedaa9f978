using Npgsql;

namespace JinGong.Http.Idempotency;

/// <summary>
/// A PostgreSQL session-level advisory lock on a connection of its own: held across every replica of a service until
/// disposed, and let go by the server when the holder's connection dies (a killed process holds nothing).
/// </summary>
public sealed class AdvisoryHold : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly string name;

    private AdvisoryHold(NpgsqlConnection connection, string name) => (this.connection, this.name) = (connection, name);

    /// <summary>The lock named <paramref name="name"/>, or null when another session holds it.</summary>
    public static async Task<IAsyncDisposable?> TryAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = name } } };
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return new AdvisoryHold(connection, name);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = name } } };
            await release.ExecuteScalarAsync();
        }
        finally
        {
            // Back in the pool the session would keep the lock if the release failed: a broken connection is closed instead.
            await connection.DisposeAsync();
        }
    }
}
