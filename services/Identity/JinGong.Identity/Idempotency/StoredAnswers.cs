using JinGong.Http.Idempotency;
using Npgsql;

namespace JinGong.Identity.Idempotency;

/// <summary>
/// Identity's idempotent answers, in <c>idempotent_answers</c> of its own database (mapped in <see cref="IdentityStore"/>,
/// so that an account write keeps its answer in its own transaction with <see cref="KeepAnswer"/>).
/// </summary>
public sealed class StoredAnswers(NpgsqlDataSource dataSource) : IIdempotentAnswers
{
    public const string Table = "idempotent_answers";

    /// <summary>The table, for a store made before it (EnsureCreated leaves an existing schema as it is).</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS idempotent_answers (
          "Id" text PRIMARY KEY, "Caller" text NOT NULL, "Key" text NOT NULL, "Fingerprint" text NOT NULL, "Status" integer NOT NULL,
          "ContentType" text, "Location" text, "ETag" text, "Body" bytea NOT NULL, "RecordedAt" timestamp with time zone NOT NULL);
        CREATE INDEX IF NOT EXISTS "IX_idempotent_answers_RecordedAt" ON idempotent_answers ("RecordedAt");
        """;

    public async Task<IdempotentAnswer?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var find = dataSource.CreateCommand(
            """SELECT "Caller", "Key", "Fingerprint", "Status", "ContentType", "Location", "ETag", "Body", "RecordedAt" FROM idempotent_answers WHERE "Id" = $1""");
        find.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var row = await find.ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken)
            ? new IdempotentAnswer(
                id, row.GetString(0), row.GetString(1), row.GetString(2), row.GetInt32(3), Text(row, 4), Text(row, 5), Text(row, 6),
                (byte[])row[7], row.GetFieldValue<DateTimeOffset>(8))
            : null;
    }

    public async Task KeepAsync(IdempotentAnswer answer, CancellationToken cancellationToken)
    {
        await using var keep = dataSource.CreateCommand(
            """
            INSERT INTO idempotent_answers ("Id", "Caller", "Key", "Fingerprint", "Status", "ContentType", "Location", "ETag", "Body", "RecordedAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT ("Id") DO NOTHING
            """);
        foreach (var value in new object?[] { answer.Id, answer.Caller, answer.Key, answer.Fingerprint, answer.Status, answer.ContentType, answer.Location, answer.ETag, answer.Body, answer.RecordedAt })
        {
            keep.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await keep.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IAsyncDisposable?> TryHoldAsync(string id, CancellationToken cancellationToken) => AdvisoryHold.TryAsync(dataSource, $"idempotency/{id}", cancellationToken);

    public async Task ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var forget = dataSource.CreateCommand("""DELETE FROM idempotent_answers WHERE "RecordedAt" < $1""");
        forget.Parameters.Add(new NpgsqlParameter { Value = before });
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Keeps the answer of the keyed request being answered with what <paramref name="store"/> saves (nothing without a key).</summary>
    public static void KeepAnswer(IdentityStore store, HttpContext http, int status, object? body, string? location = null)
    {
        if (http.AnswerToKeep(status, body, location) is { } answer)
        {
            store.IdempotentAnswers.Add(answer);
        }
    }

    private static string? Text(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
}
