using JasperFx.Events;
using JinGong.EventSourcing.Messaging;
using JinGong.Knowledge.Pages;
using Published = JinGong.Contracts.Knowledge;

namespace JinGong.Knowledge.Integration;

/// <summary>What the knowledge base tells the other services: a page reads differently, at its new revision.</summary>
public sealed class KnowledgeIntegrationEvents(IServiceProvider services) : StreamIntegrationEvents(services)
{
    public override async ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken) => @event.Data switch
    {
        PageRevisionPublished or PageRevisionRestored when await StateBeforeAsync<Page>(@event, cancellationToken) is { } before
            && Page.Evolve(before, @event.Data) is { Current: { } revision } after =>
            [new Published.KnowledgePagePublished(after.Id, after.SpaceId, revision.Title, revision.Number, revision.Author, revision.PublishedAt)],
        _ => [],
    };
}
