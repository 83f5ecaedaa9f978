using JinGong.Contracts.Privacy;
using JinGong.Domain;
using JinGong.Http.Idempotency;
using Marten;
using Npgsql;

namespace JinGong.EventSourcing.Privacy;

/// <summary>
/// A personal value of a subject and what erasure makes of it: a whole value (a JSON string, a property name, a stream's or
/// a document's id, an event's user) becomes <paramref name="Replacement"/> (the pseudonym, or nothing for a phone or an
/// e-mail address); within text (a note, a title) it becomes the pseudonym.
/// </summary>
public sealed record PersonalValue(string Value, string? Replacement);

/// <summary>
/// Who is erased and what of them this service holds: their id (which becomes their pseudonym wherever it stands) and the
/// values it knows them by (a person's names, a contact's name, phone and e-mail).
/// </summary>
public sealed record ErasureSubject(string Id, string Kind, string Pseudonym, IReadOnlyList<PersonalValue> Values)
{
    /// <summary>A person of the roster: their id and every name this service knows them by become their pseudonym.</summary>
    public static ErasureSubject Person(string id, string pseudonym, IEnumerable<string> names) =>
        new(id, SubjectKinds.Person, pseudonym, [new(id, pseudonym), .. names.Distinct(StringComparer.Ordinal).Select(name => new PersonalValue(name, pseudonym))]);

    /// <summary>
    /// A customer's contact: every name they were recorded with becomes their pseudonym, their phones and e-mail addresses
    /// nothing; their id (a number in the customer's record, not made from them) stays.
    /// </summary>
    public static ErasureSubject Contact(string id, string pseudonym, IEnumerable<string> names, IEnumerable<string> cleared) =>
        new(id, SubjectKinds.CustomerContact, pseudonym,
            [.. names.Distinct(StringComparer.Ordinal).Select(name => new PersonalValue(name, pseudonym)), .. cleared.Distinct(StringComparer.Ordinal).Select(value => new PersonalValue(value, null))]);
}

/// <summary>
/// An erasure's rewrite of everything a service stored with Marten, in the session's one transaction (begun here,
/// committed by the caller's save with the erasure's record): every stored event's JSON as it was stored (its name, shape,
/// version and place stay; only the subject's values in it change) and its user, the streams and documents under the
/// subject's id (renamed to the pseudonym, as an id made from a name is personal too), every document's JSON and the
/// columns Marten duplicates from it, and the kept answers that would repeat them. One rule for every service and every
/// event version, so nothing depends on each event's fields being listed: a value is the subject's wherever it stands.
/// The one place history is rewritten (README "Changing an event"): the law requires the company to forget a person who
/// asks. Documents are rewritten by the same rule as the events they were folded from, so a rebuild gives them again.
/// </summary>
public static class SubjectErasure
{
    /// <summary>
    /// Erases <paramref name="subject"/> here unless it was already: the decision carries the erasure's record, started
    /// in the session (the caller saves); a second request is refused and changes nothing.
    /// </summary>
    public static async Task<Decision> EraseAsync(
        this IDocumentSession session, ErasureSubject subject, string reason, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = Erasure.StreamOf(subject.Pseudonym);
        var erased = await session.LoadAsync<Erasure>(stream, cancellationToken);
        var command = new EraseSubject(subject.Pseudonym, subject.Kind, reason, reference, 0, now);
        if (ErasureDecider.Decide(command, erased) is Decision.Rejected already)
        {
            return already;
        }

        await session.BeginTransactionAsync(cancellationToken);
        var rewrite = ValueRewrite.Of(subject);
        await ForgetAnswersAsync(session, subject, rewrite, cancellationToken);
        var masked = await RewriteEventsAsync(session, rewrite, cancellationToken);
        await RenameStreamsAsync(session, rewrite, cancellationToken);
        foreach (var document in session.DocumentStore.Options.AllKnownDocumentTypes())
        {
            await RewriteDocumentsAsync(session, document, rewrite, cancellationToken);
        }

        var decision = ErasureDecider.Decide(command with { EventsMasked = masked }, erased);
        session.Events.StartStream<Erasure>(stream, ((Decision.Accepted)decision).Events);
        return decision;
    }

    // The stored events holding a value, or recorded by the subject: locked, rewritten, their user the pseudonym.
    private static async Task<int> RewriteEventsAsync(IDocumentSession session, ValueRewrite rewrite, CancellationToken cancellationToken)
    {
        var events = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var changed = new List<(long Sequence, string? Data, string? User)>();
        await using (var reading = new NpgsqlCommand(
            $"select seq_id, data::text, user_name from {events} where user_name = any($1) or {ValueRewrite.Candidate} for update", session.Connection))
        {
            reading.Parameters.AddWithValue(rewrite.WholeValues);
            reading.Parameters.AddWithValue(rewrite.Written);
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var data = rewrite.Json(reader.GetString(1));
                var user = reader.IsDBNull(2) ? null : rewrite.Id(reader.GetString(2));
                if (data is not null || user is not null)
                {
                    changed.Add((reader.GetInt64(0), data, user));
                }
            }
        }

        await ExecuteEachAsync(session, changed.Select(each => new NpgsqlBatchCommand(
            $"update {events} set data = coalesce($1::jsonb, data), user_name = coalesce($2, user_name) where seq_id = $3")
        {
            Parameters = { Text(each.Data), Text(each.User), new() { Value = each.Sequence } },
        }), cancellationToken);
        return changed.Count;
    }

    // A stream under the subject's id, or named after it (a knowledge base subscriber's "subscriber:{id}"), moves to the
    // pseudonym's, its events with it (same versions, same sequence).
    private static async Task RenameStreamsAsync(IDocumentSession session, ValueRewrite rewrite, CancellationToken cancellationToken)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var renamed = new List<(string From, string To)>();
        await using (var reading = new NpgsqlCommand($"select id from {schema}.mt_streams where {ValueRewrite.CandidateId} for update", session.Connection))
        {
            reading.Parameters.AddWithValue(rewrite.WholeValues);
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rewrite.Id(reader.GetString(0)) is { } to)
                {
                    renamed.Add((reader.GetString(0), to));
                }
            }
        }

        await ExecuteEachAsync(session, renamed.SelectMany(stream => new[]
        {
            new NpgsqlBatchCommand(
                $"insert into {schema}.mt_streams select (jsonb_populate_record(null::{schema}.mt_streams, to_jsonb(stream) || jsonb_build_object('id', $2::text))).* from {schema}.mt_streams stream where id = $1")
            {
                Parameters = { new() { Value = stream.From }, new() { Value = stream.To } },
            },
            new NpgsqlBatchCommand($"update {schema}.mt_events set stream_id = $2 where stream_id = $1") { Parameters = { new() { Value = stream.From }, new() { Value = stream.To } } },
            new NpgsqlBatchCommand($"delete from {schema}.mt_streams where id = $1") { Parameters = { new() { Value = stream.From } } },
        }), cancellationToken);
    }

    // Every document holding a value, or kept under the subject's id: its JSON rewritten, its id the pseudonym, and the
    // columns duplicated from its JSON set again from it (within one UPDATE every SET reads the row as it was).
    private static async Task RewriteDocumentsAsync(IDocumentSession session, Marten.Schema.IDocumentType document, ValueRewrite rewrite, CancellationToken cancellationToken)
    {
        var table = document.TableName.QualifiedName;
        var changed = new List<(string Id, string? NewId, string Data)>();
        await using (var reading = new NpgsqlCommand(
            $"select id::text, data::text from {table} where {ValueRewrite.CandidateId.Replace("strpos(id,", "strpos(id::text,", StringComparison.Ordinal)} or {ValueRewrite.Candidate} for update", session.Connection))
        {
            reading.Parameters.AddWithValue(rewrite.WholeValues);
            reading.Parameters.AddWithValue(rewrite.Written);
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                var data = rewrite.Json(reader.GetString(1));
                var newId = rewrite.Id(id);
                if (data is not null || newId is not null)
                {
                    changed.Add((id, newId, data ?? reader.GetString(1)));
                }
            }
        }

        var duplicated = string.Join(", ", document.DuplicatedFields.Select(field => field.UpdateSqlFragment()));
        await ExecuteEachAsync(session, changed.SelectMany(each => new[]
        {
            new NpgsqlBatchCommand($"update {table} set data = $1::jsonb where id::text = $2") { Parameters = { new() { Value = each.Data }, new() { Value = each.Id } } },
            each.NewId is null ? null : new NpgsqlBatchCommand($"update {table} set id = $1 where id::text = $2") { Parameters = { new() { Value = each.NewId }, new() { Value = each.Id } } },
            duplicated.Length == 0 ? null : new NpgsqlBatchCommand($"update {table} set {duplicated} where id::text = $1") { Parameters = { new() { Value = each.NewId ?? each.Id } } },
        }.OfType<NpgsqlBatchCommand>()), cancellationToken);
    }

    // An answer kept to be sent again would send the erased values again: those kept for the subject, or repeating one of
    // their values (the bodies are bytes, not JSON Marten can search), are forgotten, before any id is renamed.
    private static async Task ForgetAnswersAsync(IDocumentSession session, ErasureSubject subject, ValueRewrite rewrite, CancellationToken cancellationToken)
    {
        var forgotten = (await session.Query<IdempotentAnswer>().ToListAsync(cancellationToken))
            .Where(answer => answer.Caller == subject.Id || rewrite.Mentions(System.Text.Encoding.UTF8.GetString(answer.Body)))
            .Select(answer => answer.Id)
            .ToArray();
        var answers = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(IdempotentAnswer)).TableName.QualifiedName;
        await using var forget = new NpgsqlCommand($"delete from {answers} where id = any($1)", session.Connection);
        forget.Parameters.AddWithValue(forgotten);
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteEachAsync(IDocumentSession session, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        foreach (var chunk in commands.Chunk(500))
        {
            await using var batch = new NpgsqlBatch(session.Connection);
            foreach (var command in chunk)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
