using JasperFx.Events;
using JinGong.Fleet.Vehicles;
using JinGong.ServiceDefaults.Messaging;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Fleet.Integration;

/// <summary>
/// What fleet tells the other services: a vehicle registered, every change of status with the order,
/// loan or transfer behind it, deliveries, retirements and a summary of each usage batch. A status change is told from the vehicle as
/// it was just before the event, read back from its stream.
/// </summary>
public sealed class FleetIntegrationEvents(IServiceProvider services) : StreamIntegrationEvents(services)
{
    public override async ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken)
    {
        if (@event.Data is VehicleRegistered registered)
        {
            return [new Published.VehicleRegistered(
                registered.VehicleCode, registered.Model, registered.Category, registered.Region, registered.Warehouse, registered.OccurredAt)];
        }

        if (@event.Data is not IVehicleEvent change)
        {
            return [];
        }

        if (await StateBeforeAsync<Vehicle>(@event, cancellationToken) is not { } before)
        {
            return [];
        }

        var after = Vehicle.Evolve(before, change)!;
        var messages = new List<object>();
        if (after.Status != before.Status || change is VehicleReservationReleased)
        {
            messages.Add(StatusChanged(before, after, change));
        }

        switch (change)
        {
            case VehicleDelivered delivered:
                messages.Add(new Published.VehicleDelivered(delivered.VehicleCode, before.Model, delivered.OrderId, delivered.Customer, delivered.Site, delivered.OccurredAt));
                break;
            case VehicleRetired retired:
                messages.Add(new Published.VehicleRetired(retired.VehicleCode, before.Model, retired.Reason, retired.OccurredAt));
                break;
            case VehicleRequestRefused refused:
                messages.Add(new Published.VehicleRequestRefused(
                    refused.RequestId, refused.VehicleCode, refused.Request, refused.OrderId, refused.Rule, refused.Detail, refused.OccurredAt));
                break;
            case UsageReported usage:
                messages.Add(new Published.VehicleUsageReported(
                    usage.VehicleCode, before.Model, usage.BatchId, usage.Points, usage.From, usage.To,
                    usage.OperatingHoursFrom, usage.OperatingHoursTo, usage.OccurredAt));
                break;
        }

        return messages;
    }

    private static Published.VehicleStatusChanged StatusChanged(Vehicle before, Vehicle after, IVehicleEvent change)
    {
        var (cause, orderId, loanId, transferId) = change switch
        {
            VehicleReserved e => ("reserved", e.OrderId, null, null),
            VehicleReservationReleased e => ("reservation-released", e.OrderId, null, null),
            VehicleTransferStarted e => ("transfer-started", before.ReservedFor, null, e.TransferId),
            VehicleTransferArrived e => ("transfer-arrived", before.ReservedFor, null, e.TransferId),
            VehicleLent e => ("lent", null, e.LoanId, null),
            VehicleReturned e => ("returned", null, e.LoanId, null),
            VehicleDelivered e => ("delivered", e.OrderId, null, null),
            MaintenanceOpened => ("maintenance-opened", before.ReservedFor, before.Loan?.LoanId, null),
            MaintenanceClosed => ("maintenance-closed", after.ReservedFor, after.Loan?.LoanId, null),
            VehicleRetired => ("retired", null, null, (string?)null),
            _ => (change.GetType().Name, (string?)null, (string?)null, (string?)null),
        };
        return new Published.VehicleStatusChanged(
            after.Code, after.Model, after.Region, after.Warehouse, before.Status.ToString(), after.Status.ToString(),
            cause, orderId, loanId, transferId, change.OccurredAt);
    }
}
