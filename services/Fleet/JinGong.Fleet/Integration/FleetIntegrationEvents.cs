using JasperFx.Events;
using JinGong.EventSourcing.Messaging;
using JinGong.Fleet.Vehicles;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Fleet.Integration;

/// <summary>
/// What fleet tells the other services: a vehicle registered, every change of status with the order,
/// loan or transfer behind it, deliveries, retirements and a summary of each usage batch (with the loan the vehicle was out on, so a trial's hours
/// reach the knowledge base). A status change is told from the vehicle as it was just before the event, read back from its stream.
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
                    usage.OperatingHoursFrom, usage.OperatingHoursTo, usage.OccurredAt, before.Loan?.LoanId));
                break;
        }

        return messages;
    }

    private static Published.VehicleStatusChanged StatusChanged(Vehicle before, Vehicle after, IVehicleEvent change)
    {
        var (cause, orderId, loanId, transferId) = change switch
        {
            VehicleReserved e => (Cause.Reserved, e.OrderId, null, null),
            VehicleReservationReleased e => (Cause.ReservationReleased, e.OrderId, null, null),
            VehicleTransferStarted e => (Cause.TransferStarted, before.ReservedFor, null, e.TransferId),
            VehicleTransferArrived e => (Cause.TransferArrived, before.ReservedFor, null, e.TransferId),
            VehicleLent e => (Cause.Lent, null, e.LoanId, null),
            VehicleReturned e => (Cause.Returned, null, e.LoanId, null),
            VehicleDelivered e => (Cause.Delivered, e.OrderId, null, null),
            MaintenanceOpened => (Cause.MaintenanceOpened, before.ReservedFor, before.Loan?.LoanId, null),
            MaintenanceClosed => (Cause.MaintenanceClosed, after.ReservedFor, after.Loan?.LoanId, null),
            VehicleRetired => (Cause.Retired, (string?)null, (string?)null, (string?)null),
            // Consumers reject a cause they do not know: a new change of status needs its word in the contract first.
            _ => throw new InvalidOperationException($"{change.GetType().Name} changed a vehicle's status but has no published cause."),
        };
        return new Published.VehicleStatusChanged(
            after.Code, after.Model, after.Region, after.Warehouse, before.Status.Published(), after.Status.Published(),
            cause, orderId, loanId, transferId, change.OccurredAt);
    }
}
