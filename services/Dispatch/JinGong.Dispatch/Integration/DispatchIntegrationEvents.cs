using JasperFx.Events;
using JinGong.Dispatch.Allocations;
using JinGong.ServiceDefaults.Messaging;
using Requests = JinGong.Contracts.Dispatch;

namespace JinGong.Dispatch.Integration;

/// <summary>
/// What dispatch asks of fleet, published from its own events (so a request decided is a request sent, at
/// least once): reserve, release, transfer, arrival and delivery of a vehicle.
/// </summary>
public sealed class DispatchIntegrationEvents : IIntegrationEvents
{
    public ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<object>>(@event.Data switch
        {
            ReservationRequested e => [new Requests.VehicleReservationRequested(e.RequestId, e.VehicleCode, e.OrderId, e.OccurredAt)],
            ReleaseRequested e => [new Requests.VehicleReleaseRequested(e.RequestId, e.VehicleCode, e.OrderId, "order cancelled", e.OccurredAt)],
            TransferRequested e => [new Requests.VehicleTransferRequested(e.RequestId, e.VehicleCode, e.TransferId, e.ToWarehouse, e.ToRegion, e.OccurredAt)],
            ArrivalReported e => [new Requests.VehicleArrivalReported(e.RequestId, e.VehicleCode, e.TransferId, e.OccurredAt)],
            DeliveryConfirmed e => [new Requests.VehicleDeliveryConfirmed(e.RequestId, e.VehicleCode, e.OrderId, e.Customer, e.Site, e.OccurredAt)],
            _ => [],
        });
}
