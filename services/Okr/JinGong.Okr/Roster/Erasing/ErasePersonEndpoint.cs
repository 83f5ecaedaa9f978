using JinGong.Contracts.Okr;
using JinGong.EventSourcing.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.Roster.Erasing;

/// <summary>An erasure on its way to every service: the pseudonym the person becomes, and what was asked.</summary>
public sealed record PersonErasureRequested(string PersonId, string Pseudonym, string Reason, string Reference, DateTimeOffset RequestedAt);

/// <summary>
/// A person who left erased on their request [删除个人信息] (PIPL art. 47): OKR, the roster's owner, sends
/// <see cref="PersonErased"/> to every service, itself included, and each replaces their id and names with their pseudonym
/// and records it (docs/privacy.md). Accepted, not done: each service's record of it (the export's <c>erasure</c>) says
/// when it was. Asked again, it is sent again; a service that erased them already changes nothing.
/// </summary>
public static class ErasePersonEndpoint
{
    public static RouteGroupBuilder MapErasePerson(this RouteGroupBuilder people)
    {
        people.MapPost("/{id}/erasure", EraseAsync)
            .WithName("ErasePerson")
            .WithSummary("Erase a person who left, on their request (administrators): every service puts their pseudonym in their place")
            .RequireRoles();
        return people;
    }

    private static async Task<Results<Accepted<PersonErasureRequested>, ValidationProblem, ProblemHttpResult>> EraseAsync(
        string id, EraseSubjectRequest request, IDocumentSession session, IPublishEndpoint bus, Pseudonyms pseudonyms, TimeProvider clock,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Check() is { Any: true } errors)
        {
            return Problems.Validation(errors.Errors);
        }

        var pseudonym = pseudonyms.Of(id);
        var erasedHere = await session.LoadAsync<Erasure>(Erasure.StreamOf(pseudonym), cancellationToken) is not null;
        if (RosterDecider.Unerasable(await session.LoadAsync<Person>(id, cancellationToken), erasedHere, id) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var erased = new PersonErased(id, await RosterNames.OfAsync(session, id, cancellationToken), request.Reason!.Trim(), request.Reference!.Trim(), context.User.Identity?.Name ?? "unknown", clock.GetUtcNow());
        await bus.Publish(erased, sent => sent.Headers.Set(JinGong.EventSourcing.Messaging.MessageHeaders.CorrelationId, context.GetCorrelationId()), cancellationToken);
        return TypedResults.Accepted($"/api/okr/privacy/subjects/{Uri.EscapeDataString(id)}", new PersonErasureRequested(id, pseudonym, erased.Reason, erased.Reference, erased.OccurredAt));
    }
}

/// <summary>Every name the roster recorded a person under (a correction keeps the earlier one in an earlier event): erased with them.</summary>
public static class RosterNames
{
    public static async Task<IReadOnlyList<string>> OfAsync(IQuerySession session, string personId, CancellationToken cancellationToken) =>
        [.. (await session.Events.FetchStreamAsync(personId, token: cancellationToken))
            .Select(stored => stored.Data switch { PersonJoined joined => joined.Name, PersonMoved moved => moved.Name, _ => null })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
}
