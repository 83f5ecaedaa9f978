using JinGong.Contracts.Knowledge;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.Orders.Integration;
using Marten;
using MassTransit;
using Published = JinGong.Contracts.Orders;

namespace JinGong.Orders.Catalogue.Showing;

/// <summary>
/// Shows a service that keeps a copy of the catalogue all of it, when it asks (having missed the listings published before
/// its queue was bound): every model listed now, as of the catalogue's last change (the latest business time of any model's
/// last event, a withdrawal's too). It changes nothing here, so it records nothing: it is idempotent in that its answer to
/// one request is always published under one message id, derived from the request's, so a copy recognises the answer to a
/// redelivered request as one it has. The request is acknowledged only once its answer is published.
/// </summary>
public sealed class CatalogueRequestedConsumer(IQuerySession session, ServiceIdentity service, TimeProvider clock) : IConsumer<CatalogueRequested>
{
    public async Task Consume(ConsumeContext<CatalogueRequested> context)
    {
        var catalogue = await session.Query<CatalogueModel>().ToListAsync(context.CancellationToken);
        await context.AnswerAsync(new Published.CatalogueShown(
            [.. catalogue.Where(model => model.Listed).OrderBy(model => model.Model, StringComparer.Ordinal).Select(OrdersIntegrationEvents.Listing)],
            catalogue.Count == 0 ? clock.GetUtcNow() : catalogue.Max(model => model.LastOccurredAt)), service);
    }
}
