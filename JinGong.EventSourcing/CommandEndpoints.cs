using JinGong.Domain;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JinGong.EventSourcing;

/// <summary>Every command request may say when the thing happened (business time); it defaults to now.</summary>
public interface ICommandRequest
{
    DateTimeOffset? OccurredAt { get; }
}

public static class CommandEndpoints
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> (e.g. <c>/{code}/reservation</c>, the stream id being the
    /// route's one parameter) to a command on an existing stream: the request is validated, then decided with
    /// its business time (<c>occurredAt</c>, default now) and the clock's reading.
    /// </summary>
    public static RouteHandlerBuilder MapStreamCommand<TRequest, TState, TView>(
        this RouteGroupBuilder group,
        string pattern,
        string name,
        StreamKind<TState, TView> kind,
        Func<TRequest, FieldErrors> validate,
        Func<string, TRequest, DateTimeOffset, DateTimeOffset, Func<TState, Decision>> decide)
        where TRequest : ICommandRequest
        where TState : class =>
        group.MapStreamCommand<TRequest, object?, TState, TView>(
            pattern, name, kind, validate, (_, _, _) => Task.FromResult<object?>(null),
            (id, request, _, occurredAt, now) => decide(id, request, occurredAt, now));

    /// <summary>
    /// As above, for a command decided with a record read beside its stream (<paramref name="lookUp"/>: e.g. the
    /// warehouse a transfer goes to), read once the request is valid.
    /// </summary>
    public static RouteHandlerBuilder MapStreamCommand<TRequest, TFound, TState, TView>(
        this RouteGroupBuilder group,
        string pattern,
        string name,
        StreamKind<TState, TView> kind,
        Func<TRequest, FieldErrors> validate,
        Func<TRequest, IQuerySession, CancellationToken, Task<TFound>> lookUp,
        Func<string, TRequest, TFound, DateTimeOffset, DateTimeOffset, Func<TState, Decision>> decide)
        where TRequest : ICommandRequest
        where TState : class
    {
        var idName = pattern.Split('{', '}')[1];
        return group.MapPost(pattern, async (TRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var id = http.GetRouteValue(idName) as string ?? string.Empty;
                var errors = validate(request);
                var found = errors.Any ? default! : await lookUp(request, session, cancellationToken);
                return await session.DecideAsync(kind, id, errors, http, state =>
                {
                    // The clock is read once the stream is loaded: a command that raced with another and lost then
                    // never seems to have happened before the winner (422), it clashes with it (409).
                    var now = clock.GetUtcNow();
                    return decide(id, request, found, (request.OccurredAt ?? now).ToUniversalTime(), now)(state);
                }, cancellationToken);
            })
            .WithName(name)
            .HonoursIfMatch();
    }
}
