using JasperFx;
using JinGong.ServiceDefaults.Http;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>
/// Load → decide → append for every command on a stream, always at the version the decision was made on:
/// of two concurrent writers only one can win. <c>If-Match</c> pins that version to the one the client
/// read (412 when the stream has moved on); without it the loser is decided again on the winner's state, and gets
/// 409 only when the stream keeps moving. A rejected command appends nothing.
/// </summary>
public static class StreamCommands
{
    /// <summary>How many times a command that names no version is decided, when concurrent writers keep moving its stream.</summary>
    public const int DecisionsWithoutIfMatch = 3;

    /// <param name="alsoStore">What else an accepted command writes in the same transaction (e.g. a batch's points).</param>
    /// <param name="decideAgainOnRace">
    /// Whether a command without <c>If-Match</c> that lost a race is decided again on the stream as the winner left it
    /// (false where the session is one serializable transaction, which a failed save ends).
    /// </param>
    public static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> DecideAsync<TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, FieldErrors errors, HttpContext http,
        Func<TState, Decision> decide, CancellationToken cancellationToken, Action<IDocumentSession>? alsoStore = null, bool decideAgainOnRace = true)
        where TState : class
    {
        if (!http.Request.TryGetExpectedVersion(out var expectedVersion))
        {
            errors.Check("If-Match", false, "If-Match names a stream version, e.g. \"3\".");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var decisions = expectedVersion is null && decideAgainOnRace ? DecisionsWithoutIfMatch : 1;
        for (var decision = 1; ; decision++)
        {
            var stream = await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
            if (stream.Aggregate is null)
            {
                return Problems.From(kind.NotFound(streamId));
            }

            if (!kind.Admits(http.User, stream.Aggregate))
            {
                return Problems.OutsideRegion($"{kind.Noun} {streamId}", kind.RegionOf!(stream.Aggregate));
            }

            var readVersion = stream.CurrentVersion ?? 0;
            if (expectedVersion is not null && expectedVersion != readVersion)
            {
                return Problems.StreamMoved($"{streamId} is at version {readVersion}, not {expectedVersion}.");
            }

            switch (decide(stream.Aggregate))
            {
                case Decision.Rejected rejected:
                    return Problems.From(rejected.Error);
                case Decision.Accepted accepted:
                    stream.AppendMany(accepted.Events);
                    alsoStore?.Invoke(session);
                    try
                    {
                        await session.SaveChangesAsync(cancellationToken);
                    }
                    catch (ConcurrencyException) when (decision < decisions)
                    {
                        // Another writer appended between our read and our write (often a consumer following another
                        // service). The client named no version, so the command is decided again on what it left.
                        session.EjectAllPendingChanges();
                        continue;
                    }
                    catch (ConcurrencyException)
                    {
                        // The stream moved on: the other writer's change stands, ours is refused.
                        return expectedVersion is null
                            ? Problems.From(new DomainError("concurrent-change", $"{streamId} changed while this command was decided; read it again and retry.", ErrorKind.Conflict))
                            : Problems.StreamMoved($"{streamId} moved past version {expectedVersion} while this command was decided.");
                    }

                    var version = readVersion + accepted.Events.Count;
                    var state = accepted.Events.Aggregate((TState?)stream.Aggregate, kind.Evolve)!;
                    http.Response.SetStreamVersion(version);
                    return TypedResults.Ok(kind.View(state, version));
                default:
                    throw new InvalidOperationException("A decision is accepted or rejected.");
            }
        }
    }

    /// <summary>
    /// Starts a new stream with the events <paramref name="decide"/> accepts (null state: nothing there yet).
    /// <paramref name="alreadyThere"/> is the answer when the id is taken, even by a writer that got there first.
    /// </summary>
    public static async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> StartAsync<TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string streamId, string location,
        Func<TState?, Decision> decide, DomainError alreadyThere, CancellationToken cancellationToken)
        where TState : class
    {
        var existing = await session.Events.FetchStreamStateAsync(streamId, cancellationToken);
        var current = existing is null ? null : await session.Events.AggregateStreamAsync<TState>(streamId, token: cancellationToken);
        switch (decide(current))
        {
            case Decision.Rejected rejected:
                return Problems.From(rejected.Error);
            case Decision.Accepted accepted:
                session.Events.StartStream<TState>(streamId, accepted.Events);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (ExistingStreamIdCollisionException)
                {
                    return Problems.From(alreadyThere);
                }

                var state = accepted.Events.Aggregate((TState?)null, kind.Evolve)!;
                return TypedResults.Created(location, kind.View(state, accepted.Events.Count));
            default:
                throw new InvalidOperationException("A decision is accepted or rejected.");
        }
    }
}
