using JinGong.Contracts.Okr;
using JinGong.EventSourcing.Messaging;
using Marten;
using MassTransit;

namespace JinGong.Knowledge.Members;

/// <summary>
/// Keeps the knowledge base's copy of OKR's roster: who is in which team and region. Each fact sets the member to what
/// it says, and one older than the last applied is ignored, so a redelivery, a late message or one that lost a race
/// changes nothing.
/// </summary>
public sealed class RosterConsumers(IDocumentSession session)
    : IConsumer<PersonJoinedRoster>, IConsumer<PersonMovedOnRoster>, IConsumer<PersonLeftRoster>
{
    public Task Consume(ConsumeContext<PersonJoinedRoster> context) =>
        ApplyAsync(context.Message.PersonId, context.Message.OccurredAt,
            _ => new Member(context.Message.PersonId, context.Message.Name, context.Message.Team, context.Message.Region, true, context.Message.OccurredAt),
            context.CancellationToken);

    public Task Consume(ConsumeContext<PersonMovedOnRoster> context) =>
        ApplyAsync(context.Message.PersonId, context.Message.OccurredAt,
            known => new Member(context.Message.PersonId, context.Message.Name, context.Message.Team, context.Message.Region, known?.Active ?? true, context.Message.OccurredAt),
            context.CancellationToken);

    public Task Consume(ConsumeContext<PersonLeftRoster> context) =>
        ApplyAsync(context.Message.PersonId, context.Message.OccurredAt,
            known => known is null ? null : known with { Active = false, AsOf = context.Message.OccurredAt },
            context.CancellationToken);

    private async Task ApplyAsync(string personId, DateTimeOffset occurredAt, Func<Member?, Member?> apply, CancellationToken cancellationToken)
    {
        var known = await session.LoadAsync<Member>(personId, cancellationToken);
        if (known?.AsOf > occurredAt || apply(known) is not { } member)
        {
            // Older than what is known, or someone who left before we heard they joined: nothing to record.
            return;
        }

        session.Replace(known, member);
        await session.SaveChangesAsync(cancellationToken);
    }
}
