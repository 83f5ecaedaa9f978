using JinGong.Http.Idempotency;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace JinGong.EventSourcing.Idempotency;

/// <summary>Idempotent answers as documents of the service's own store, kept in the transaction of the events they answer.</summary>
public sealed class MartenIdempotentAnswers(IDocumentStore store, NpgsqlDataSource dataSource) : IIdempotentAnswers
{
    /// <summary>Forgetting filters on when an answer was recorded, so that is indexed.</summary>
    public static void Configure(StoreOptions options) => options.Schema.For<IdempotentAnswer>().Index(answer => answer.RecordedAt);

    public async Task<IdempotentAnswer?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<IdempotentAnswer>(id, cancellationToken);
    }

    public async Task KeepAsync(IdempotentAnswer answer, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Insert(answer);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // The write kept its own answer with what it stored.
        }
    }

    public Task<IAsyncDisposable?> TryHoldAsync(string id, CancellationToken cancellationToken) => AdvisoryHold.TryAsync(dataSource, $"idempotency/{id}", cancellationToken);

    public async Task ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotentAnswer>(answer => answer.RecordedAt < before);
        await session.SaveChangesAsync(cancellationToken);
    }
}

public static class IdempotentSessions
{
    /// <summary>Keeps the answer of the keyed request being answered with what <paramref name="session"/> saves (nothing without a key).</summary>
    public static void KeepAnswer(this IDocumentSession session, HttpContext http, int status, object? body, string? location = null, string? etag = null)
    {
        if (http.AnswerToKeep(status, body, location, etag) is { } answer)
        {
            session.Store(answer);
        }
    }
}
