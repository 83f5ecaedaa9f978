using System.Text.Json.Nodes;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.EventSourcing.Privacy;
using JinGong.Http.Idempotency;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using Marten;
using Npgsql;
using Published = JinGong.Contracts.Okr;

namespace JinGong.Orders.Privacy;

/// <summary>
/// A person erased (OKR's <see cref="Published.PersonErased"/>), in orders: where they are the sales rep of an opportunity
/// or order, their id becomes their pseudonym in the stored events and the documents folded from them (so figures by rep
/// show the pseudonym's row, with the same totals), as it does in the user of every event they recorded; the answers
/// kept for them, or repeating their id, are forgotten; the erasure is recorded. Once, however often it is delivered.
/// </summary>
public static class PersonErasure
{
    /// <summary>The stored events that name a sales rep, and the record each one's stream folds to.</summary>
    private static readonly IReadOnlyDictionary<string, Func<IDocumentSession, string, CancellationToken, Task>> NamingReps =
        new Dictionary<string, Func<IDocumentSession, string, CancellationToken, Task>>(StringComparer.Ordinal)
        {
            ["opportunity_filed_v1"] = StoredEventMasking.RefoldAsync<Opportunity>,
            ["opportunity_filed_v2"] = StoredEventMasking.RefoldAsync<Opportunity>,
            ["order_placed_v1"] = StoredEventMasking.RefoldAsync<Order>,
            ["order_placed_v2"] = StoredEventMasking.RefoldAsync<Order>,
        };

    public static async Task EraseAsync(
        IDocumentSession session, string personId, string pseudonym, string reason, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var erased = await session.LoadAsync<Erasure>(Erasure.StreamOf(pseudonym), cancellationToken);
        var command = new EraseSubject(pseudonym, SubjectKinds.Person, reason, reference, 0, now);
        if (ErasureDecider.Decide(command, erased) is Decision.Rejected)
        {
            // Erased here already: a second request changes nothing.
            return;
        }

        await session.BeginTransactionAsync(cancellationToken);
        var masked = new HashSet<long>();
        foreach (var (streamId, type) in await StreamsNamingAsync(session, personId, cancellationToken))
        {
            masked.UnionWith(await session.MaskStreamAsync(streamId, (stored, data) => MaskRep(stored, data, personId, pseudonym), cancellationToken));
            await NamingReps[type](session, streamId, cancellationToken);
        }

        masked.UnionWith(await session.MaskRecorderAsync(personId, pseudonym, cancellationToken));
        session.DeleteWhere<IdempotentAnswer>(answer => answer.Caller == personId);
        await session.ForgetAnswersMentioningAsync([personId], cancellationToken);
        var recorded = (Decision.Accepted)ErasureDecider.Decide(command with { EventsMasked = masked.Count }, erased);
        session.Events.StartStream<Erasure>(Erasure.StreamOf(pseudonym), recorded.Events);
    }

    /// <summary>Replaces the rep <paramref name="personId"/> of an event that names one with <paramref name="pseudonym"/>.</summary>
    public static bool MaskRep(string type, JsonObject data, string personId, string pseudonym)
    {
        if (!NamingReps.ContainsKey(type) || data["SalesRep"]?.GetValue<string>() != personId)
        {
            return false;
        }

        data["SalesRep"] = pseudonym;
        return true;
    }

    private static async Task<List<(string StreamId, string Type)>> StreamsNamingAsync(IDocumentSession session, string personId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select stream_id, type from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events where type = any($1) and data->>'SalesRep' = $2",
            session.Connection);
        command.Parameters.AddWithValue(NamingReps.Keys.ToArray());
        command.Parameters.AddWithValue(personId);
        var streams = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add((reader.GetString(0), reader.GetString(1)));
        }

        return streams;
    }
}

public static class PrivacyConsumers
{
    public static void AddPrivacyConsumers(this MassTransit.IBusRegistrationConfigurator bus) => bus.AddConsumer<PersonErasedConsumer>();
}

public sealed class PersonErasedConsumer(
    IDocumentSession session, ServiceIdentity service, TimeProvider clock, Pseudonyms pseudonyms, ILogger<PersonErasedConsumer> logger)
    : IdempotentConsumer<Published.PersonErased>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Published.PersonErased message, IDocumentSession session, CancellationToken cancellationToken) =>
        PersonErasure.EraseAsync(session, message.PersonId, pseudonyms.Of(message.PersonId), message.Reason, message.Reference, Clock.GetUtcNow(), cancellationToken);
}
