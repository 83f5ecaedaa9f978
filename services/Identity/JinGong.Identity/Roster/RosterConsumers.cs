using JinGong.Contracts.Okr;
using JinGong.Http.Security;
using JinGong.Identity.Accounts;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity.Roster;

/// <summary>
/// People on OKR's roster have an account: opened as a sales rep of their region when they join (an administrator
/// grants other roles and gives the first password), following them when they move region, closed when they leave —
/// their sessions ending at once. Someone who joins again (or a newcomer given an old id) starts afresh: a sales rep,
/// with no password until an administrator gives one, never with the roles or the password the id had before.
/// Each fact sets the account to what it says, and one older than the last applied is ignored, so a redelivery, a late
/// message or one that raced it changes nothing.
/// </summary>
public sealed class RosterConsumers(IdentityStore store, Sessions sessions)
    : IConsumer<PersonJoinedRoster>, IConsumer<PersonMovedOnRoster>, IConsumer<PersonLeftRoster>
{
    public Task Consume(ConsumeContext<PersonJoinedRoster> context) =>
        ApplyAsync(context.Message.PersonId, context.Message.OccurredAt, async account =>
        {
            if (!account.Active)
            {
                (account.Roles, account.PasswordHash, account.Active) = ([Roles.SalesRep], null, true);
                await sessions.EndAsync(account, keep: null, context.CancellationToken);
            }

            (account.Name, account.Region) = (context.Message.Name, context.Message.Region);
        }, context.Message.Name, context.CancellationToken);

    public Task Consume(ConsumeContext<PersonMovedOnRoster> context) =>
        ApplyAsync(context.Message.PersonId, context.Message.OccurredAt, account =>
        {
            (account.Name, account.Region) = (context.Message.Name, context.Message.Region);
            return Task.CompletedTask;
        }, context.Message.Name, context.CancellationToken);

    public Task Consume(ConsumeContext<PersonLeftRoster> context) =>
        ApplyAsync(context.Message.PersonId, context.Message.OccurredAt, async account =>
        {
            account.Active = false;
            await sessions.EndAsync(account, keep: null, context.CancellationToken);
        }, name: null, context.CancellationToken);

    private async Task ApplyAsync(string personId, DateTimeOffset occurredAt, Func<Account, Task> apply, string? name, CancellationToken cancellationToken)
    {
        // Facts about one person race each other (one queue, consumers side by side): the account's row stays locked
        // from this read to the commit, so each fact sees the one applied before it. Two first facts both add the
        // account; the one whose insert collides is retried, and then finds it.
        await using var transaction = await store.Database.BeginTransactionAsync(cancellationToken);
        var account = await store.Accounts.FromSql($"""SELECT * FROM accounts WHERE "Id" = {personId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);
        if (account is { Machine: true } || account?.RosterAsOf > occurredAt)
        {
            return;
        }

        if (account is null)
        {
            if (name is null)
            {
                // Left before we heard they joined: there is nobody to close.
                return;
            }

            account = store.Accounts.Add(new Account { Id = personId, Name = name, Roles = [Roles.SalesRep] }).Entity;
        }

        await apply(account);
        account.RosterAsOf = occurredAt;
        await store.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
