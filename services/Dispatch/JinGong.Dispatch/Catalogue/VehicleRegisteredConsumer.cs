using JinGong.Dispatch.Allocations.Assigning;
using JinGong.Dispatch.Regions;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Catalogue;

/// <summary>
/// A vehicle fleet registered enters dispatch's catalogue, once, however often the bus delivers it, and serves
/// the oldest backordered unit of its model in the same transaction.
/// </summary>
public sealed class VehicleRegisteredConsumer(
    IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<VehicleRegisteredConsumer> logger)
    : IdempotentConsumer<Published.VehicleRegistered>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Published.VehicleRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.VehicleCode))
        {
            // A message no retry can fix: it goes to the error queue for someone to look at.
            throw new InvalidOperationException("VehicleRegistered without a vehicle code");
        }

        var catalogued = new VehicleCatalogued(message.VehicleCode, message.Model, message.Category, message.Region, message.Warehouse, message.OccurredAt);
        var decided = await session.AppendDecisionAsync<CatalogueVehicle>(
            message.VehicleCode, vehicle => CatalogueDecider.Decide(new EnterCatalogue(catalogued), vehicle), cancellationToken);
        if (decided.Events.Count > 0)
        {
            await ServingBackorders.ServeAsync(session, CatalogueVehicle.Evolve(null, catalogued)!, regions, message.OccurredAt, Clock.GetUtcNow(), cancellationToken);
        }
    }
}

/// <summary>
/// Dispatch's picture of a vehicle follows fleet's status changes (an older change arriving late is ignored);
/// a vehicle back in stock serves the oldest backordered unit of its model.
/// </summary>
public sealed class VehicleStatusChangedConsumer(
    IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<VehicleStatusChangedConsumer> logger)
    : IdempotentConsumer<Published.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Published.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var noted = new VehicleStatusNoted(message.VehicleCode, Published.VehicleStatuses.All.Require(message.To), message.Region, message.Warehouse, message.OrderId, message.OccurredAt);
        var decided = await session.AppendDecisionAsync<CatalogueVehicle>(message.VehicleCode, vehicle => CatalogueDecider.Decide(new NoteStatus(noted), vehicle), cancellationToken);
        if (decided.Decision is Decision.Rejected { Error: var notYet })
        {
            // The registration comes by another queue and has not been applied yet: tried again until it has.
            throw new ArrivedEarlyException(notYet.Detail);
        }

        if (decided.Events.Count > 0 && noted.Status == CatalogueVehicle.InStock)
        {
            await ServingBackorders.ServeAsync(session, CatalogueVehicle.Evolve(decided.Before, noted)!, regions, message.OccurredAt, Clock.GetUtcNow(), cancellationToken);
        }
    }
}
