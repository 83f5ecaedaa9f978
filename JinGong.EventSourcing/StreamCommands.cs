using JasperFx;
using JinGong.Domain;
using JinGong.EventSourcing.Idempotency;
using JinGong.Http;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.EventSourcing;

/// <summary>What the one command path made of a command: the state and version it was decided on, and the decision.</summary>
public sealed record StreamDecision<TState>(TState? Before, long Version, Decision Decision)
    where TState : class
{
    /// <summary>The events appended (none when the command was refused).</summary>
    public IReadOnlyList<object> Events => Decision is Decision.Accepted accepted ? accepted.Events : [];
}

/// <summary>
/// Load → decide → append, the one path every command on a stream takes, from HTTP and from the bus alike. The events
/// are appended at the version the decision was made on: of two concurrent writers only one can win. Over HTTP,
/// <c>If-Match</c> pins that version to the one the client read (412 when the stream has moved on); without it the loser
/// is decided again on the winner's state, and gets 409 only when the stream keeps moving. A bus consumer's loser fails
/// its transaction and the bus delivers the message again. A rejected command appends nothing.
/// </summary>
public static class StreamCommands
{
    /// <summary>How many times a command that names no version is decided, when concurrent writers keep moving its stream.</summary>
    public const int DecisionsWithoutIfMatch = 3;

    /// <summary>
    /// Loads the stream, decides on its state (null when there is none yet) and version, and appends what was accepted,
    /// unsaved: the caller's transaction commits it with whatever else it writes (a consumer's processed message, ...).
    /// </summary>
    public static Task<StreamDecision<TState>> AppendDecisionAsync<TState>(
        this IDocumentSession session, string streamId, Func<TState?, long, Decision> decide, CancellationToken cancellationToken)
        where TState : class =>
        session.AppendDecisionAsync<TState>(streamId, (state, version, _) => ValueTask.FromResult(decide(state, version)), cancellationToken);

    /// <summary>
    /// As above, for a decision that needs facts read after the stream's version is known (a vehicle's stored readings
    /// around a new batch): whatever a concurrent writer commits after that read moves the version, so the append of a
    /// decision made on stale facts fails as a lost race.
    /// </summary>
    public static async Task<StreamDecision<TState>> AppendDecisionAsync<TState>(
        this IDocumentSession session, string streamId, Func<TState?, long, CancellationToken, ValueTask<Decision>> decide, CancellationToken cancellationToken)
        where TState : class
    {
        var stream = await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        var version = stream.CurrentVersion ?? 0;
        var decision = await decide(stream.Aggregate, version, cancellationToken);
        BusinessMetrics.Decided(streamId, decision);
        if (decision is Decision.Accepted accepted)
        {
            stream.AppendMany(accepted.Events);
        }

        return new(stream.Aggregate, version, decision);
    }

    /// <summary>
    /// A session to decide again in after a lost race: a new one, recording who and why as the request's does. The session
    /// that lost keeps the aggregate it fetched for writing with the refused events applied (Marten keeps an inline
    /// projection's aggregate between the fetch and the save), so deciding again in it would decide on a change that never
    /// happened.
    /// </summary>
    public static IDocumentSession AfterALostRace(this IDocumentSession session, HttpContext http)
    {
        var fresh = session.DocumentStore.LightweightSession();
        Messaging.RequestMetadataSessionFactory.Stamp(fresh, http);
        return fresh;
    }

    /// <summary>As above, for deciders that need not know the version.</summary>
    public static Task<StreamDecision<TState>> AppendDecisionAsync<TState>(
        this IDocumentSession session, string streamId, Func<TState?, Decision> decide, CancellationToken cancellationToken)
        where TState : class =>
        session.AppendDecisionAsync<TState>(streamId, (state, _) => decide(state), cancellationToken);

    /// <param name="alsoStore">What else an accepted command writes in the same transaction (e.g. a batch's points).</param>
    /// <param name="decideAgainOnRace">
    /// Whether a command without <c>If-Match</c> that lost a race is decided again on the stream as the winner left it
    /// (false where the session is one serializable transaction, which a failed save ends).
    /// </param>
    public static Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> DecideAsync<TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, FieldErrors errors, HttpContext http,
        Func<TState, Decision> decide, CancellationToken cancellationToken, Action<IDocumentSession>? alsoStore = null, bool decideAgainOnRace = true)
        where TState : class =>
        // Without a stream the command is refused as not found before it is decided, so the state decided on is never null.
        session.DecideAsync(kind, streamId, errors, http, startsStream: false, (state, _) => ValueTask.FromResult(decide(state!)), cancellationToken, alsoStore, decideAgainOnRace);

    /// <summary>
    /// As above, for a command decided on facts besides the stream (<paramref name="facts"/>, read again for each decision
    /// once the stream's version is known, so a decision made again after a lost race sees what the winner wrote).
    /// </summary>
    public static Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> DecideAsync<TState, TView, TFacts>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, FieldErrors errors, HttpContext http,
        Func<TState, CancellationToken, Task<TFacts>> facts, Func<TState, TFacts, Decision> decide, CancellationToken cancellationToken,
        Action<IDocumentSession>? alsoStore = null)
        where TState : class =>
        session.DecideAsync(kind, streamId, errors, http, startsStream: false,
            async (state, cancellation) => decide(state!, await facts(state!, cancellation)), cancellationToken, alsoStore, decideAgainOnRace: true);

    /// <summary>As above, for a stream its first command starts (a person's subscriptions): the decider is given no state then.</summary>
    public static Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> DecideOrStartAsync<TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, FieldErrors errors, HttpContext http,
        Func<TState?, Decision> decide, CancellationToken cancellationToken)
        where TState : class =>
        session.DecideAsync(kind, streamId, errors, http, startsStream: true, (state, _) => ValueTask.FromResult(decide(state)), cancellationToken, alsoStore: null, decideAgainOnRace: true);

    private static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> DecideAsync<TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, FieldErrors errors, HttpContext http, bool startsStream,
        Func<TState?, CancellationToken, ValueTask<Decision>> decide, CancellationToken cancellationToken, Action<IDocumentSession>? alsoStore, bool decideAgainOnRace)
        where TState : class
    {
        if (!http.Request.TryGetExpectedVersion(out var expectedVersion))
        {
            errors.Check("If-Match", false, $"If-Match names a stream version, e.g. \"3\".");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var decisions = expectedVersion is null && decideAgainOnRace ? DecisionsWithoutIfMatch : 1;
        var attempt = session;
        try
        {
            for (var decision = 1; ; decision++)
            {
                var decided = await attempt.AppendDecisionAsync<TState>(streamId, (state, version, cancellation) =>
                    state is null && !startsStream ? ValueTask.FromResult(Decision.Reject(kind.NotFound(streamId)))
                    : state is not null && kind.Refusal(http, state, streamId, changing: true) is { } refusal ? ValueTask.FromResult(Decision.Reject(refusal))
                    : expectedVersion is not null && expectedVersion != version
                        ? ValueTask.FromResult(Decision.Reject(Problems.StreamMoved($"{streamId} is at version {version}, not {expectedVersion}.")))
                    : decide(state, cancellation), cancellationToken);
                if (decided.Decision is Decision.Rejected rejected)
                {
                    return Problems.From(rejected.Error);
                }

                alsoStore?.Invoke(attempt);
                var version = decided.Version + decided.Events.Count;
                var view = kind.View(decided.Events.Aggregate(decided.Before, kind.Evolve)!, version);
                attempt.KeepAnswer(http, StatusCodes.Status200OK, view, etag: ETags.Of(version));
                try
                {
                    await attempt.SaveChangesAsync(cancellationToken);
                }
                catch (Exception race) when (IsRace(race) && decision < decisions)
                {
                    // Another writer appended between our read and our write (often a consumer following another
                    // service), or started the stream this command was to start. The client named no version, so the
                    // command is decided again on what it left.
                    await DisposeRetryAsync(session, attempt);
                    attempt = session.AfterALostRace(http);
                    continue;
                }
                catch (Exception race) when (IsRace(race))
                {
                    // The stream moved on: the other writer's change stands, ours is refused.
                    return Problems.From(expectedVersion is null
                        ? new DomainError("concurrent-change", $"{streamId} changed while this command was decided; read it again and retry.", ErrorKind.Conflict)
                        : Problems.StreamMoved($"{streamId} moved past version {expectedVersion} while this command was decided."));
                }

                http.Response.SetStreamVersion(version);
                return TypedResults.Ok(view);
            }
        }
        finally
        {
            await DisposeRetryAsync(session, attempt);
        }
    }

    /// <summary>Whether a save failed because another writer got to the stream first: appended to it, or started it.</summary>
    public static bool IsRace(Exception exception) =>
        exception is ConcurrencyException or ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException;

    /// <summary>An id the server made names a stream already there: another id is made (<see cref="UnderNewIdAsync"/>).</summary>
    private sealed class NewIdTakenException(string streamId, Exception? collision = null)
        : Exception($"The new id {streamId} names a stream already there.", collision);

    private static async ValueTask DisposeRetryAsync(IDocumentSession session, IDocumentSession attempt)
    {
        if (!ReferenceEquals(attempt, session))
        {
            await attempt.DisposeAsync();
        }
    }

    /// <summary>How many server-made ids a start tries before it gives up (each collision is one in a trillion).</summary>
    public const int NewIdAttempts = 5;

    /// <summary>
    /// Starts a stream under an id the server makes (<c>ORD-…</c>, <c>OPP-…</c>): <paramref name="start"/> is given the
    /// session and a new id, and a collision with a stream already there — however unlikely — is started again under
    /// another id in a new session, never answered as "already there" for a request that made nothing.
    /// </summary>
    /// <param name="newId">Makes an id with the prefix (<see cref="NewId.For"/>; a test names the ids it wants).</param>
    public static async Task<TResult> UnderNewIdAsync<TResult>(
        this IDocumentSession session, HttpContext http, string idPrefix, Func<IDocumentSession, string, Task<TResult>> start, Func<string, string>? newId = null)
    {
        var attempt = session;
        try
        {
            for (var tried = 1; ; tried++)
            {
                try
                {
                    return await start(attempt, (newId ?? NewId.For)(idPrefix));
                }
                catch (NewIdTakenException) when (tried < NewIdAttempts)
                {
                    // The session that failed still holds the colliding start: the next id goes in a new one.
                    await DisposeRetryAsync(session, attempt);
                    attempt = session.AfterALostRace(http);
                }
            }
        }
        finally
        {
            await DisposeRetryAsync(session, attempt);
        }
    }

    /// <summary>
    /// Starts a new stream with the events <paramref name="decide"/> accepts (null state: nothing there yet).
    /// <paramref name="alreadyThere"/> is the answer when the id is taken, even by a writer that got there first; without
    /// it (an id the server made: see <see cref="UnderNewIdAsync"/>) the collision is thrown.
    /// </summary>
    public static async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> StartAsync<TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, string location, HttpContext http,
        Func<TState?, Decision> decide, DomainError? alreadyThere, CancellationToken cancellationToken)
        where TState : class
    {
        var existing = await session.Events.FetchStreamStateAsync(streamId, cancellationToken);
        if (existing is not null && alreadyThere is null)
        {
            throw new NewIdTakenException(streamId);
        }

        var current = existing is null ? null : await session.Events.AggregateStreamAsync<TState>(streamId, token: cancellationToken);
        var decision = decide(current);
        BusinessMetrics.Decided(streamId, decision);
        switch (decision)
        {
            case Decision.Rejected rejected:
                return Problems.From(rejected.Error);
            case Decision.Accepted accepted:
                session.Events.StartStream<TState>(streamId, accepted.Events);
                var view = kind.View(accepted.Events.Aggregate((TState?)null, kind.Evolve)!, accepted.Events.Count);
                session.KeepAnswer(http, StatusCodes.Status201Created, view, location);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (ExistingStreamIdCollisionException collision)
                {
                    return alreadyThere is not null ? Problems.From(alreadyThere) : throw new NewIdTakenException(streamId, collision);
                }

                return TypedResults.Created(location, view);
            default:
                throw new InvalidOperationException("A decision is accepted or rejected.");
        }
    }
}
