using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinGong.Http.Idempotency;
using Marten;
using Npgsql;

namespace JinGong.EventSourcing.Privacy;

/// <summary>
/// An erasure's rewrite of what a service stored, in the session's one transaction (begun here, committed by its save with
/// the erasure's record): each stored event's JSON as it was stored (its name, shape and version stay; only the personal
/// values in it change), the documents folded from them, and the idempotent answers that repeated them. The only place
/// history is rewritten (README "Changing an event"): the law requires the company to forget a person who asks.
/// </summary>
public static class StoredEventMasking
{
    /// <summary>
    /// Masks the stored events of <paramref name="streamId"/> that <paramref name="mask"/> changes (given each one's stored
    /// name and its JSON to change in place; true when it changed something), locking them until the save. Returns the
    /// sequence numbers of those it masked.
    /// </summary>
    public static async Task<IReadOnlyList<long>> MaskStreamAsync(this IDocumentSession session, string streamId, Func<string, JsonObject, bool> mask, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        var events = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var masked = new List<(long Sequence, string Data)>();
        await using (var reading = new NpgsqlCommand($"select seq_id, type, data::text from {events} where stream_id = $1 order by version for update", session.Connection))
        {
            reading.Parameters.AddWithValue(streamId);
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var data = JsonNode.Parse(reader.GetString(2))!.AsObject();
                if (mask(reader.GetString(1), data))
                {
                    masked.Add((reader.GetInt64(0), data.ToJsonString()));
                }
            }
        }

        foreach (var (sequence, data) in masked)
        {
            await using var writing = new NpgsqlCommand($"update {events} set data = $1::jsonb where seq_id = $2", session.Connection);
            writing.Parameters.AddWithValue(data);
            writing.Parameters.AddWithValue(sequence);
            await writing.ExecuteNonQueryAsync(cancellationToken);
        }

        return [.. masked.Select(each => each.Sequence)];
    }

    /// <summary>
    /// The user of every stored event <paramref name="personId"/> recorded, as their pseudonym: who did what stays
    /// traceable to the same (pseudonymous) person. Returns their sequence numbers.
    /// </summary>
    public static async Task<IReadOnlyList<long>> MaskRecorderAsync(this IDocumentSession session, string personId, string pseudonym, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var recorder = new NpgsqlCommand(
            $"update {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events set user_name = $1 where user_name = $2 returning seq_id", session.Connection);
        recorder.Parameters.AddWithValue(pseudonym);
        recorder.Parameters.AddWithValue(personId);
        var masked = new List<long>();
        await using var reader = await recorder.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            masked.Add(reader.GetInt64(0));
        }

        return masked;
    }

    /// <summary>
    /// The document of <typeparamref name="TState"/> an inline projection keeps for <paramref name="streamId"/>, folded
    /// again from its (masked) events: its data, then the columns Marten duplicates from it, so that its revision stays
    /// the stream's version.
    /// </summary>
    public static async Task RefoldAsync<TState>(this IDocumentSession session, string streamId, CancellationToken cancellationToken)
        where TState : class
    {
        var state = await session.Events.AggregateStreamAsync<TState>(streamId, token: cancellationToken)
            ?? throw new InvalidOperationException($"{streamId} folds to nothing.");
        var document = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(TState));
        await using (var data = new NpgsqlCommand($"update {document.TableName.QualifiedName} set data = $1::jsonb where id = $2", session.Connection))
        {
            data.Parameters.AddWithValue(session.DocumentStore.Options.Serializer().ToJson(state));
            data.Parameters.AddWithValue(streamId);
            await data.ExecuteNonQueryAsync(cancellationToken);
        }

        if (document.DuplicatedFields.Count > 0)
        {
            // Set from the data just written: within one UPDATE, every SET would read the row as it was.
            await using var duplicated = new NpgsqlCommand(
                $"update {document.TableName.QualifiedName} set {string.Join(", ", document.DuplicatedFields.Select(field => field.UpdateSqlFragment()))} where id = $1",
                session.Connection);
            duplicated.Parameters.AddWithValue(streamId);
            await duplicated.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Forgets the idempotent answers whose body holds any of <paramref name="values"/> (as written, or as JSON escapes
    /// them): an answer kept to be sent again would otherwise send the erased data again. Returns how many.
    /// </summary>
    public static async Task<int> ForgetAnswersMentioningAsync(this IDocumentSession session, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var written = values.Where(value => value.Length > 0).SelectMany(value => new[] { value, JsonEncodedText.Encode(value).ToString() }).Distinct().ToList();
        var answers = await session.Query<IdempotentAnswer>().ToListAsync(cancellationToken);
        var mentioning = answers.Where(answer => Encoding.UTF8.GetString(answer.Body) is var body && written.Any(value => body.Contains(value, StringComparison.Ordinal))).ToList();
        foreach (var answer in mentioning)
        {
            session.Delete(answer);
        }

        return mentioning.Count;
    }
}
