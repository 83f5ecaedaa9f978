using JinGong.EventSourcing;
using Marten;
using Npgsql;

namespace JinGong.Dispatch.Loans.Lending;

/// <summary>
/// Gives the loans that releases before the customer registry kept, which named their borrower alone, the id that name
/// gives (what <see cref="CustomerNamedOnly{T}"/> reads their requests as, so a rebuild agrees), once, before dispatch
/// answers its first request. Replicas starting together take turns on an advisory lock, and the second finds nothing.
/// </summary>
public sealed class BorrowersFromHistory(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var turn = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('jingong-dispatch-borrowers-from-history'))", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        await CustomerNamedOnly.IdentifyDocumentsAsync(
            connection, transaction, store.Options.Schema.For(typeof(Loan)), "Borrower", "BorrowerId", null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
