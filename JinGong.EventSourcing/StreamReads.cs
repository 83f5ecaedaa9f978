using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace JinGong.EventSourcing;

/// <summary>
/// The reads every stream offers: its state now, as it was at a moment of business time (<c>?asOf=</c>:
/// the events that occurred by then), or after its first N events (<c>?version=</c>), with the stream's
/// version as ETag; and its history, newest first, a page at a time (auditors read a stream whole at
/// <c>/audit/streams/{id}</c>).
/// </summary>
public static class StreamReads
{
    /// <param name="idRoute">The route of one stream, e.g. <c>/{code}</c>.</param>
    public static RouteGroupBuilder MapStreamReads<TState, TView>(this RouteGroupBuilder group, string idRoute, StreamKind<TState, TView> kind)
        where TState : class
    {
        var idName = idRoute.Split('{', '}')[1];
        group.MapGet(idRoute, async (HttpContext http, IQuerySession session, CancellationToken cancellationToken, DateTimeOffset? asOf, long? version) =>
                await GetAsync(kind, await kind.IdAskedForAsync(session, http.GetRouteValue(idName) as string ?? string.Empty, cancellationToken), session, http, asOf, version, cancellationToken))
            .WithName($"Get{kind.Noun}")
            .SendsETag()
            .WithSummary($"A {kind.Noun.ToLowerInvariant()}'s state (now, ?asOf= a moment, or ?version= N) with its stream version as ETag");
        return group.MapStreamHistory(idRoute, kind);
    }

    /// <summary>The stream's history alone, for a stream whose state is read another way (a page, by its revisions).</summary>
    public static RouteGroupBuilder MapStreamHistory<TState, TView>(this RouteGroupBuilder group, string idRoute, StreamKind<TState, TView> kind)
        where TState : class
    {
        var idName = idRoute.Split('{', '}')[1];
        group.MapGet($"{idRoute}/history", async (HttpContext http, IQuerySession session, ServiceIdentity service, CancellationToken cancellationToken,
                int page = 1, int pageSize = Page.DefaultSize) =>
                await HistoryAsync(kind, await kind.IdAskedForAsync(session, http.GetRouteValue(idName) as string ?? string.Empty, cancellationToken), session, http, service, page, pageSize, cancellationToken))
            .WithName($"Get{kind.Noun}History")
            .WithSummary($"The events of a {kind.Noun.ToLowerInvariant()}, newest first, a page at a time, with their business and recorded times (and, for auditors, executives and administrators, user and correlation id)");
        return group;
    }

    private static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> GetAsync<TState, TView>(
        StreamKind<TState, TView> kind, string id, IQuerySession session, HttpContext http, DateTimeOffset? asOf, long? version, CancellationToken cancellationToken)
        where TState : class
    {
        var errors = new FieldErrors()
            .Check("version", version is null or >= 1, $"Versions count from 1.")
            .Check("asOf", asOf is null || version is null, $"Ask for a moment or a version, not both.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var (current, streamVersion, refused) = await CurrentAsync(kind, id, session, http, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        http.Response.SetStreamVersion(streamVersion);
        if (asOf is null && version is null)
        {
            return TypedResults.Ok(kind.View(current!, streamVersion));
        }

        if (version > streamVersion)
        {
            return Problems.From(new DomainError("version-not-reached", $"{kind.Noun} {id} has {streamVersion} events, not {version}.", ErrorKind.NotFound));
        }

        var events = await session.Events.FetchStreamAsync(id, version ?? 0, token: cancellationToken);
        var folded = asOf is { } moment ? [.. events.Where(e => kind.OccurredAt(e.Data) <= moment)] : events;
        if (folded.Aggregate((TState?)null, (state, e) => kind.Evolve(state, e.Data)) is not { } state)
        {
            return Problems.From(new DomainError("not-there-yet", $"{kind.Noun} {id} did not exist yet at {asOf:O}.", ErrorKind.NotFound));
        }

        return TypedResults.Ok(kind.View(state, folded.Count));
    }

    private static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem, ProblemHttpResult>> HistoryAsync<TState, TView>(
        StreamKind<TState, TView> kind, string id, IQuerySession session, HttpContext http, ServiceIdentity service, int page, int pageSize,
        CancellationToken cancellationToken)
        where TState : class
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var (_, streamVersion, refused) = await CurrentAsync(kind, id, session, http, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        // A stream's versions run 1..N without gaps, so page p of the newest first is a range of versions, read by the
        // stream's own index: a page costs the same on the thousandth page of a long record as on the first.
        var newest = streamVersion - ((long)page - 1) * pageSize;
        var events = newest < 1 ? []
            : await session.Events.FetchStreamAsync(id, version: newest, fromVersion: Math.Max(1, newest - pageSize + 1), token: cancellationToken);
        var entries = events.OrderByDescending(e => e.Version).Select(e => AuditEntry.Of(service, e, kind.OccurredAt(e.Data)));
        // Who acted, and in which flow, is for auditors, executives and administrators (docs/access.md).
        return TypedResults.Ok(new Page<AuditEntry>(
            [.. http.User.MaySeeWhoActed() ? entries : entries.Select(entry => entry.WithoutWhoActed())], page, pageSize, streamVersion));
    }

    /// <summary>
    /// The stream's state now, as its inline projection keeps it (only a past moment or version replays events), and its
    /// version — or the answer when it is not there or not the caller's: a record of another region is refused whole,
    /// whichever moment of it is asked for, since its region as it stands now decides.
    /// </summary>
    private static async Task<(TState? Current, long Version, ProblemHttpResult? Refused)> CurrentAsync<TState, TView>(
        StreamKind<TState, TView> kind, string id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
        where TState : class
    {
        var stream = await session.Events.FetchStreamStateAsync(id, cancellationToken);
        var current = stream is null ? null : await session.LoadAsync<TState>(id, cancellationToken);
        return stream is null || current is null ? (null, 0, Problems.From(kind.NotFound(id)))
            : kind.Refusal(http, current, id, changing: false) is { } refusal ? (current, stream.Version, Problems.From(refusal))
            : kind.ReadRefusal is { } readRefusal && await readRefusal(http, session, current, cancellationToken) is { } unreadable
                ? (current, stream.Version, Problems.From(unreadable))
            : (current, stream.Version, null);
    }
}
