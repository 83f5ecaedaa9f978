using System.Text.Json;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Orders.Customers;
using JinGong.Orders.Customers.Erasing;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace JinGong.Orders.Privacy;

/// <summary>A stored event that holds something of the subject, as stored.</summary>
public sealed record HeldEvent(string StreamId, long Version, string Type, DateTimeOffset RecordedAt, JsonElement Data);

/// <summary>What a customer holds of a contact: the contact as it is now (null once removed) and every event that held them.</summary>
public sealed record HeldContact(string CustomerId, string Customer, CustomerContact? Contact, IReadOnlyList<HeldEvent> Events);

/// <summary>
/// Everything orders holds about one subject [个人信息查阅] (PIPL art. 45): as a customer's contact, as the sales rep of
/// opportunities and orders, as the user who recorded events; and its erasure here, if it was erased.
/// </summary>
public sealed record OrdersSubjectExport(
    string Service, string SubjectId, ErasureView? Erasure, IReadOnlyList<HeldContact> AsContact,
    IReadOnlyList<string> OpportunitiesAsSalesRep, IReadOnlyList<string> OrdersAsSalesRep, long EventsRecordedBy);

public static class SubjectExportEndpoint
{
    private static readonly ApiTag Tag = new("Privacy",
        "Personal information on a person's request: what is held about them, and its erasure (administrators; docs/privacy.md).");

    public static RouteGroupBuilder MapPrivacy(this RouteGroupBuilder api)
    {
        api.MapGroup("/privacy").WithTag(Tag).MapGet("/subjects/{subjectId}", ExportAsync)
            .WithName("ExportOrdersSubject")
            .WithSummary("Everything orders holds about a person or a customer's contact, on their request (administrators)")
            .RequireRoles();
        return api;
    }

    private static async Task<Ok<OrdersSubjectExport>> ExportAsync(
        string subjectId, IQuerySession session, NpgsqlDataSource database, ServiceIdentity service, Pseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        var events = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var contactEvents = await HeldEventsAsync(database,
            $"""
            select stream_id, version, type, timestamp, data::text from {events}
            where type = any($2) and data->'Contact'->>'ContactId' = $1 order by stream_id, version
            """, subjectId, [.. ContactMasking.HoldingContacts], cancellationToken);
        var asContact = new List<HeldContact>();
        foreach (var held in contactEvents.GroupBy(held => held.StreamId))
        {
            var customer = await session.LoadAsync<Customer>(held.Key, cancellationToken);
            asContact.Add(new(held.Key, customer?.Name ?? held.Key, customer?.Contacts.FirstOrDefault(contact => contact.ContactId == subjectId), [.. held]));
        }

        var opportunities = await session.Query<Opportunity>().Where(opportunity => opportunity.SalesRep == subjectId).OrderBy(opportunity => opportunity.Id)
            .Select(opportunity => opportunity.Id).ToListAsync(cancellationToken);
        var orders = await session.Query<Order>().Where(order => order.SalesRep == subjectId).OrderBy(order => order.Id).Select(order => order.Id).ToListAsync(cancellationToken);
        await using var recorded = database.CreateCommand($"select count(*) from {events} where user_name = $1");
        recorded.Parameters.AddWithValue(subjectId);
        return TypedResults.Ok(new OrdersSubjectExport(
            service.Name, subjectId,
            await session.LoadAsync<Erasure>(Erasure.StreamOf(pseudonyms.Of(subjectId)), cancellationToken) is { } erasure ? ErasureView.From(erasure) : null,
            asContact,
            [.. opportunities],
            [.. orders],
            (long)(await recorded.ExecuteScalarAsync(cancellationToken))!));
    }

    private static async Task<List<HeldEvent>> HeldEventsAsync(
        NpgsqlDataSource database, string sql, string subjectId, string[] types, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(subjectId);
        command.Parameters.AddWithValue(types);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var held = new List<HeldEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), JsonDocument.Parse(reader.GetString(4)).RootElement.Clone()));
        }

        return held;
    }
}
