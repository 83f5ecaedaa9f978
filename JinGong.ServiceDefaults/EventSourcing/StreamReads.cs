using JinGong.ServiceDefaults.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>
/// The reads every stream offers: its state now, as it was at a moment of business time (<c>?asOf=</c>:
/// the events that occurred by then), or after its first N events (<c>?version=</c>), with the stream's
/// version as ETag; and its whole history for auditors.
/// </summary>
public static class StreamReads
{
    /// <param name="idRoute">The route of one stream, e.g. <c>/{code}</c>.</param>
    public static RouteGroupBuilder MapStreamReads<TState, TView>(this RouteGroupBuilder group, string idRoute, StreamKind<TState, TView> kind)
        where TState : class
    {
        var idName = idRoute.Split('{', '}')[1];
        group.MapGet(idRoute, (HttpContext http, IQuerySession session, CancellationToken cancellationToken, DateTimeOffset? asOf, long? version) =>
                GetAsync(kind, http.GetRouteValue(idName) as string ?? string.Empty, session, http, asOf, version, cancellationToken))
            .WithName($"Get{kind.Noun}")
            .WithSummary($"A {kind.Noun.ToLowerInvariant()}'s state (now, ?asOf= a moment, or ?version= N) with its stream version as ETag");
        group.MapGet($"{idRoute}/history", (HttpContext http, IQuerySession session, ServiceIdentity service, CancellationToken cancellationToken) =>
                HistoryAsync(kind, http.GetRouteValue(idName) as string ?? string.Empty, session, http, service, cancellationToken))
            .WithName($"Get{kind.Noun}History")
            .WithSummary($"Every event of a {kind.Noun.ToLowerInvariant()} with its business and recorded times, user and correlation id");
        return group;
    }

    private static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> GetAsync<TState, TView>(
        StreamKind<TState, TView> kind, string id, IQuerySession session, HttpContext http, DateTimeOffset? asOf, long? version, CancellationToken cancellationToken)
        where TState : class
    {
        var errors = new FieldErrors()
            .Check("version", version is null or >= 1, "Versions count from 1.")
            .Check("asOf", asOf is null || version is null, "Ask for a moment or a version, not both.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.From(kind.NotFound(id));
        }

        if (Outside(kind, id, events, http) is { } outside)
        {
            return outside;
        }

        var folded = (asOf, version) switch
        {
            ({ } moment, _) => [.. events.Where(e => kind.OccurredAt(e.Data) <= moment)],
            (_, { } count) when count > events.Count => null,
            (_, { } count) => events.Take((int)count).ToList(),
            _ => events.ToList(),
        };
        if (folded is null)
        {
            return Problems.From(new DomainError("version-not-reached", $"{kind.Noun} {id} has {events.Count} events, not {version}.", ErrorKind.NotFound));
        }

        if (folded.Aggregate((TState?)null, (state, e) => kind.Evolve(state, e.Data)) is not { } state)
        {
            return Problems.From(new DomainError("not-there-yet", $"{kind.Noun} {id} did not exist yet at {asOf:O}.", ErrorKind.NotFound));
        }

        http.Response.SetStreamVersion(events.Count);
        return TypedResults.Ok(kind.View(state, folded.Count));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> HistoryAsync<TState, TView>(
        StreamKind<TState, TView> kind, string id, IQuerySession session, HttpContext http, ServiceIdentity service, CancellationToken cancellationToken)
        where TState : class
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.From(kind.NotFound(id));
        }

        if (Outside(kind, id, events, http) is { } outside)
        {
            return outside;
        }

        return TypedResults.Ok<IReadOnlyList<AuditEntry>>([.. events.Select(e => AuditEntry.Of(service, e, kind.OccurredAt(e.Data)))]);
    }

    // A record of another region is refused whole, whichever moment of it is asked for: its region as it stands now decides.
    private static ProblemHttpResult? Outside<TState, TView>(StreamKind<TState, TView> kind, string id, IReadOnlyList<JasperFx.Events.IEvent> events, HttpContext http)
        where TState : class =>
        kind.RegionOf is null || events.Aggregate((TState?)null, (state, e) => kind.Evolve(state, e.Data)) is not { } current || kind.Admits(http.User, current)
            ? null
            : Problems.OutsideRegion($"{kind.Noun} {id}", kind.RegionOf(current));
}
