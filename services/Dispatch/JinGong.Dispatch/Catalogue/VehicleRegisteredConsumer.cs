using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.Messaging;
using Marten;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Catalogue;

/// <summary>A vehicle fleet registered enters dispatch's catalogue, once, however often the bus delivers it.</summary>
public sealed class VehicleRegisteredConsumer(IDocumentSession session, ServiceIdentity service, ILogger<VehicleRegisteredConsumer> logger)
    : IdempotentConsumer<Published.VehicleRegistered>(session, service, logger)
{
    protected override Task ApplyAsync(Published.VehicleRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.VehicleCode))
        {
            // A message no retry can fix: it goes to the error queue for someone to look at.
            throw new InvalidOperationException("VehicleRegistered without a vehicle code");
        }

        session.Events.StartStream<CatalogueVehicle>(message.VehicleCode, new VehicleCatalogued(
            message.VehicleCode, message.Model, message.Category, message.Region, message.Warehouse, message.OccurredAt));
        return Task.CompletedTask;
    }
}
