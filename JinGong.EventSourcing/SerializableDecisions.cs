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
/// break the rule together one fails, and its caller is told to try again.
/// </summary>
public static class SerializableDecisions
{
    /// <param name="decide">Reads, decides, appends and saves on the session it is given.</param>
    /// <param name="concurrentChange">The answer when another writer changed what was read.</param>
    public static async Task<TResult> DecideSerializableAsync<TResult>(
        this IDocumentStore store, HttpContext http, Func<IDocumentSession, Task<TResult>> decide, Func<TResult> concurrentChange, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await store.LightweightSerializableSessionAsync(cancellationToken);
            RequestMetadataSessionFactory.Stamp(session, http);
            return await decide(session);
        }
        catch (Exception error) when (IsConcurrentChange(error))
        {
            return concurrentChange();
        }
    }

    private static bool IsConcurrentChange(Exception? error) =>
        error is not null && (error is ConcurrencyException or ExistingStreamIdCollisionException
            || error is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure } || IsConcurrentChange(error.InnerException));
}
