using System.Text.Json;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace JinGong.EventSourcing.Privacy;

/// <summary>A stored event that holds the subject (a value of its data) or was recorded by them, as stored.</summary>
public sealed record HeldEvent(string StreamId, long Version, string Type, DateTimeOffset RecordedAt, bool RecordedBySubject, JsonElement Data);

/// <summary>A document that holds the subject, as stored, by its type (Marten's alias of it) and id.</summary>
public sealed record HeldDocument(string Type, string Id, JsonElement Data);

/// <summary>
/// Everything one service holds about a subject [个人信息查阅] (PIPL art. 45): every stored event with the subject's id as
/// a value anywhere in its data or as its user, every document with it as a value, and its erasure here if it was
/// erased (after which the id is held nowhere, and the export finds only the record, by the pseudonym the id gives).
/// </summary>
public sealed record SubjectHoldings(
    string Service, string SubjectId, ErasureView? Erasure, IReadOnlyList<HeldEvent> Events, IReadOnlyList<HeldDocument> Documents);

public static class SubjectExport
{
    private static readonly ApiTag Tag = new("Privacy",
        "Personal information on a person's request: what this service holds about them, and its erasure (administrators; docs/privacy.md).");

    // A value anywhere in the JSON, at any depth (the text test first only to spare the path test most rows).
    private const string Holds = "strpos(data::text, $2) > 0 and jsonb_path_exists(data, '$.** ? (@ == $subject)', jsonb_build_object('subject', $1::text))";

    public static RouteGroupBuilder MapSubjectExport(this RouteGroupBuilder api)
    {
        api.MapGroup("/privacy").WithTag(Tag).MapGet("/subjects/{subjectId}", ExportAsync)
            .WithName("ExportSubject")
            .WithSummary("Everything this service holds about a person or a customer's contact, on their request (administrators)")
            .RequireRoles();
        return api;
    }

    private static async Task<Ok<SubjectHoldings>> ExportAsync(
        string subjectId, IQuerySession session, NpgsqlDataSource database, ServiceIdentity service, Pseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        // As jsonb's text writes a string (only '\' and '"' escaped; Chinese as it is): the cheap test before the path's.
        var quoted = subjectId.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var events = new List<HeldEvent>();
        await using (var reading = database.CreateCommand(
            $"""
            select stream_id, version, type, timestamp, user_name is not distinct from $1, data::text
            from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events
            where user_name = $1 or ({Holds}) order by seq_id
            """))
        {
            reading.Parameters.AddWithValue(subjectId);
            reading.Parameters.AddWithValue(quoted);
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), Json(reader.GetString(5))));
            }
        }

        var documents = new List<HeldDocument>();
        foreach (var document in session.DocumentStore.Options.AllKnownDocumentTypes())
        {
            await using var reading = database.CreateCommand($"select id::text, data::text from {document.TableName.QualifiedName} where {Holds} order by id");
            reading.Parameters.AddWithValue(subjectId);
            reading.Parameters.AddWithValue(quoted);
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new(document.Alias, reader.GetString(0), Json(reader.GetString(1))));
            }
        }

        var erasure = await session.LoadAsync<Erasure>(Erasure.StreamOf(pseudonyms.Of(subjectId)), cancellationToken);
        return TypedResults.Ok(new SubjectHoldings(service.Name, subjectId, erasure is null ? null : ErasureView.From(erasure), events, documents));
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
