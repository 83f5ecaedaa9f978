using JinGong.Contracts.Knowledge;
using JinGong.EventSourcing.Messaging;
using Marten;

namespace JinGong.Knowledge.Catalogue;

/// <summary>Asks orders for the whole catalogue at every start of the bus until orders has shown it (<see cref="CatalogueCopy"/>).</summary>
public sealed class CatalogueRequester(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CatalogueRequester> logger) : CopyRequester(scopes, clock, logger)
{
    protected override string Copied => "orders' catalogue";

    protected override async Task<bool> ShownSinceAsync(IQuerySession session, DateTimeOffset started, CancellationToken cancellationToken) =>
        await session.LoadAsync<CatalogueCopy>(CatalogueCopy.Key, cancellationToken) is { } copy && copy.ShownAt >= started;

    protected override object Request(DateTimeOffset now) => new CatalogueRequested("knowledge", now);
}
