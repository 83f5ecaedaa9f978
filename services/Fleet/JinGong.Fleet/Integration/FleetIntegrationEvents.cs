using JasperFx.Events;
using JinGong.ServiceDefaults.Messaging;
using Published = JinGong.Contracts.Fleet;
using Domain = JinGong.Fleet.Vehicles;

namespace JinGong.Fleet.Integration;

/// <summary>What fleet tells the other services about its vehicles.</summary>
public sealed class FleetIntegrationEvents : IIntegrationEvents
{
    public object? From(IEvent @event) => @event.Data switch
    {
        Domain.VehicleRegistered registered => new Published.VehicleRegistered(
            registered.VehicleCode, registered.Model, registered.Category, registered.Region, registered.Warehouse, registered.OccurredAt),
        _ => null,
    };
}
