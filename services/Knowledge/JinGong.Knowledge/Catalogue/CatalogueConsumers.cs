using JinGong.Contracts.Orders;
using JinGong.EventSourcing.Messaging;
using Marten;
using MassTransit;

namespace JinGong.Knowledge.Catalogue;

/// <summary>
/// Keeps the knowledge base's copy of orders' catalogue: each model as its last listing or withdrawal says, and the
/// whole of it when orders shows it (in answer to <see cref="CatalogueRequester"/>'s request). A fact older than what an
/// entry says already is ignored, so a redelivery, a late message, an answer overtaken by a listing or a
/// write that lost a race (<see cref="CopiedDocuments"/>) changes nothing.
/// </summary>
public sealed class CatalogueConsumers(IDocumentSession session, TimeProvider clock)
    : IConsumer<CatalogueModelListed>, IConsumer<CatalogueModelWithdrawn>, IConsumer<CatalogueShown>
{
    public async Task Consume(ConsumeContext<CatalogueModelListed> context)
    {
        await ListAsync(context.Message, context.CancellationToken);
        await session.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CatalogueModelWithdrawn> context)
    {
        var withdrawn = context.Message;
        if (await session.LoadAsync<CatalogueEntry>(withdrawn.Model, context.CancellationToken) is { } known && known.AsOf <= withdrawn.OccurredAt)
        {
            session.Replace(known, known with { Listed = false, AsOf = withdrawn.OccurredAt });
            await session.SaveChangesAsync(context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<CatalogueShown> context)
    {
        var shown = context.Message;
        foreach (var model in shown.Models)
        {
            await ListAsync(model, context.CancellationToken);
        }

        // What the copy lists and the catalogue no longer does was withdrawn while the copy was not listening.
        var listed = shown.Models.Select(model => model.Model).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in (await session.Query<CatalogueEntry>().Where(entry => entry.Listed).ToListAsync(context.CancellationToken))
                     .Where(entry => !listed.Contains(entry.Model) && entry.AsOf <= shown.AsOf))
        {
            session.Replace(gone, gone with { Listed = false, AsOf = shown.AsOf });
        }

        session.Store(new CatalogueCopy(CatalogueCopy.Key, shown.AsOf, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
    }

    private async Task ListAsync(CatalogueModelListed listed, CancellationToken cancellationToken)
    {
        var known = await session.LoadAsync<CatalogueEntry>(listed.Model, cancellationToken);
        if (known is null || known.AsOf <= listed.OccurredAt)
        {
            session.Replace(known, new CatalogueEntry(listed.Model, listed.Category, listed.Name, listed.Names, true, listed.OccurredAt));
        }
    }
}
