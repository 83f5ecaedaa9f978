using JinGong.Contracts.Knowledge;
using JinGong.EventSourcing;
using Marten;
using MassTransit;

namespace JinGong.Knowledge.Subscriptions;

/// <summary>
/// Tells everyone who follows a page, or its space, of its new revision: each in their own stream, once (a redelivery
/// tells nobody twice), never its author. Who may read it is checked when they read their notifications, with their
/// access as it is then.
/// </summary>
public sealed class NotifySubscribers(IDocumentSession session, TimeProvider clock) : IConsumer<KnowledgePagePublished>
{
    public async Task Consume(ConsumeContext<KnowledgePagePublished> context)
    {
        var published = context.Message;
        var followers = await session.Query<Subscriber>()
            .Where(subscriber => subscriber.Pages.Contains(published.PageId) || subscriber.Spaces.Contains(published.SpaceId))
            .Select(subscriber => subscriber.Id)
            .ToListAsync(context.CancellationToken);
        foreach (var stream in followers)
        {
            var person = stream[Subscriber.StreamPrefix.Length..];
            await session.AppendDecisionAsync<Subscriber>(stream, state => SubscriberDecider.Decide(
                new Notify(person, published.PageId, published.SpaceId, published.Title, published.Revision, published.Author, published.OccurredAt, clock.GetUtcNow()),
                state), context.CancellationToken);
        }

        await session.SaveChangesAsync(context.CancellationToken);
    }
}
