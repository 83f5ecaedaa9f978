using System.Text;
using JinGong.Contracts.Okr;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace JinGong.Identity.Privacy;

/// <summary>
/// A person OKR erased (<see cref="PersonErased"/>) has no account any more: its sessions, sign-ins and tokens are gone
/// from OpenIddict's tables, not only revoked (a token holds the name), and so are the answers kept for them or repeating
/// their id or name. Machine accounts are no one's. Redelivered, it finds nothing left and changes nothing.
/// </summary>
public sealed class ErasedPeople(IdentityStore store, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    : MassTransit.IConsumer<PersonErased>
{
    public async Task Consume(MassTransit.ConsumeContext<PersonErased> context)
    {
        var (personId, cancellationToken) = (context.Message.PersonId, context.CancellationToken);
        await using var transaction = await store.Database.BeginTransactionAsync(cancellationToken);
        var account = await store.Accounts.FromSql($"""SELECT * FROM accounts WHERE "Id" = {personId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);
        if (account is { Machine: true })
        {
            return;
        }

        string[] mentions = [personId, .. context.Message.Names, .. account is null ? Array.Empty<string>() : [account.Name]];
        if (account is not null)
        {
            store.Accounts.Remove(account);
        }

        var answers = await store.IdempotentAnswers.ToListAsync(cancellationToken);
        store.IdempotentAnswers.RemoveRange(answers.Where(answer =>
            answer.Caller == personId || mentions.Any(value => Encoding.UTF8.GetString(answer.Body).Contains(value, StringComparison.Ordinal))));
        await store.SaveChangesAsync(cancellationToken);

        // OpenIddict's managers write through the same context, in this transaction; each list is read whole before deleting.
        var tokensOfTheirs = new List<object>();
        await foreach (var token in tokens.FindBySubjectAsync(personId, cancellationToken))
        {
            tokensOfTheirs.Add(token);
        }

        foreach (var token in tokensOfTheirs)
        {
            await tokens.DeleteAsync(token, cancellationToken);
        }

        var authorizationsOfTheirs = new List<object>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(personId, cancellationToken))
        {
            authorizationsOfTheirs.Add(authorization);
        }

        foreach (var authorization in authorizationsOfTheirs)
        {
            await authorizations.DeleteAsync(authorization, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
