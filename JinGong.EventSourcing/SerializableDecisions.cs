using JasperFx;
using JinGong.EventSourcing.Messaging;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace JinGong.EventSourcing;

/// <summary>
/// A command whose rule reads more than its own stream (an objective's ancestors, the whole roster) is decided in one
/// serializable transaction: what was read is what the change commits against, so of two concurrent changes that would
/// break the rule together one fails. PostgreSQL also fails some transactions that only touched nearby rows (its
/// predicate locks cover index pages), so a failed decision is made again in a new transaction, as its documentation
/// asks of serializable clients; only a change that keeps failing is answered as a conflict.
/// </summary>
public static class SerializableDecisions
{
    /// <summary>
    /// How many times a decision is made before its failure is answered. PostgreSQL promises that a retried transaction
    /// does not fail again on the transaction that failed it, so a burst of n writers settles within about n attempts.
    /// </summary>
    public const int Attempts = 10;

    /// <param name="decide">Reads, decides, appends and saves on the session it is given.</param>
    /// <param name="concurrentChange">The answer when another writer changed what was read.</param>
    public static async Task<TResult> DecideSerializableAsync<TResult>(
        this IDocumentStore store, HttpContext http, Func<IDocumentSession, Task<TResult>> decide, Func<TResult> concurrentChange, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = await store.LightweightSerializableSessionAsync(cancellationToken);
                RequestMetadataSessionFactory.Stamp(session, http);
                return await decide(session);
            }
            catch (Exception error) when (IsConcurrentChange(error) && attempt < Attempts)
            {
                // Apart by a random, growing moment, so writers that failed each other do not meet again at once.
                var backOff = Random.Shared.Next(5, 25) * (1 << Math.Min(attempt - 1, 5));
                await Task.Delay(TimeSpan.FromMilliseconds(backOff), cancellationToken);
            }
            catch (Exception error) when (IsConcurrentChange(error))
            {
                return concurrentChange();
            }
        }
    }

    private static bool IsConcurrentChange(Exception? error) =>
        error is not null && (error is ConcurrencyException or ExistingStreamIdCollisionException
            || error is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure } || IsConcurrentChange(error.InnerException));
}
