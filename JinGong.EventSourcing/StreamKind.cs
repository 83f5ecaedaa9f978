using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Languages;
using JinGong.Http.Security;

namespace JinGong.EventSourcing;

/// <summary>
/// What the shared command handling and reads need to know of one kind of stream: its name in the domain's
/// words (<paramref name="Noun"/>, e.g. "Vehicle"), how its state evolves (from nothing, for its first
/// event), how clients see it, when each event occurred (business time), what "not found" says, and — for records
/// that belong to a region (<paramref name="RegionOf"/>) — which, so that reps and regional managers reach only theirs;
/// for records a person owns (<paramref name="OwnerOf"/>, a rep's opportunity) — whose, so that a rep changes only theirs;
/// for records people look up by a code they type (<paramref name="Spelled"/>) — the id a code typed another way stands
/// for (a vehicle's <c>jg-ex-0004</c> is <c>JG-EX-0004</c>), or null when none does; for records whose readers are
/// decided by other records (<paramref name="ReadRefusal"/>, a page by its space's grants) — why the caller may not read one.
/// </summary>
public sealed record StreamKind<TState, TView>(
    string Noun,
    Func<string, DomainError> NotFound,
    Func<TState?, object, TState?> Evolve,
    Func<TState, long, TView> View,
    Func<object, DateTimeOffset> OccurredAt,
    Func<TState, string>? RegionOf = null,
    Func<TState, string>? OwnerOf = null,
    Func<Marten.IQuerySession, string, CancellationToken, Task<string?>>? Spelled = null,
    Func<Microsoft.AspNetCore.Http.HttpContext, Marten.IQuerySession, TState, CancellationToken, Task<DomainError?>>? ReadRefusal = null)
    where TState : class
{
    /// <summary>The id a read names: as given when such a stream exists, else the one it is another spelling of, if any.</summary>
    public async Task<string> IdAskedForAsync(Marten.IQuerySession session, string id, CancellationToken cancellationToken) =>
        Spelled is null || await session.Events.FetchStreamStateAsync(id, cancellationToken) is not null
            ? id
            : await Spelled(session, id, cancellationToken) ?? id;

    /// <summary>
    /// Why the caller of <paramref name="http"/> may not read <paramref name="state"/> (or, when <paramref name="changing"/>
    /// it, change it) in this request's action, or null when they may (docs/access.md).
    /// </summary>
    public DomainError? Refusal(Microsoft.AspNetCore.Http.HttpContext http, TState state, string id, bool changing) =>
        RegionOf is not null && !http.MayActIn(RegionOf(state)) ? Problems.OutsideRegionError($"{new Word(Noun)} {id}", RegionOf(state))
        : changing && OwnerOf is not null && !http.MayActFor(OwnerOf(state)) ? Problems.NotYoursError($"{new Word(Noun)} {id}")
        : null;
}
