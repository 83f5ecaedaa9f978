using JasperFx.Events;
using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Transfers;
using JinGong.EventSourcing.Messaging;
using Requests = JinGong.Contracts.Dispatch;

namespace JinGong.Dispatch.Integration;

/// <summary>
/// What dispatch asks of fleet — reserve, release, transfer, arrival, delivery, loan and return of a vehicle — and
/// tells everyone of scheduled deliveries and of loans opened and closed (with the trial a loan is), published from its
/// own events, so a request decided is a request sent at least once. A loan's or a planned transfer's request id is its own id.
/// </summary>
public sealed class DispatchIntegrationEvents(IServiceProvider services) : StreamIntegrationEvents(services)
{
    public override async ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken) =>
        @event.Data switch
        {
            DeliveryScheduled e when await StateBeforeAsync<Allocation>(@event, cancellationToken) is { } allocation =>
                [new Requests.DeliveryScheduled(e.OrderId, e.VehicleCode, allocation.Region, e.Date, e.Site, e.OccurredAt)],
            ReservationRequested e => [new Requests.VehicleReservationRequested(e.RequestId, e.VehicleCode, e.OrderId, e.OccurredAt)],
            ReleaseRequested e => [new Requests.VehicleReleaseRequested(e.RequestId, e.VehicleCode, e.OrderId, "order cancelled", e.OccurredAt)],
            TransferRequested e => [new Requests.VehicleTransferRequested(e.RequestId, e.VehicleCode, e.TransferId, e.ToWarehouse, e.ToRegion, e.OccurredAt)],
            ArrivalReported e => [new Requests.VehicleArrivalReported(e.RequestId, e.VehicleCode, e.TransferId, e.OccurredAt)],
            DeliveryConfirmed e => [new Requests.VehicleDeliveryConfirmed(e.RequestId, e.VehicleCode, e.OrderId, e.Customer, e.Site, e.OccurredAt)],
            LoanRequested e => [new Requests.VehicleLoanRequested(e.LoanId, e.VehicleCode, e.LoanId, e.Borrower, e.Site, e.DueDate, e.OccurredAt, e.BorrowerId)],
            ReturnReported e => [new Requests.VehicleReturnReported($"{e.LoanId}/return", e.VehicleCode, e.LoanId, e.HoursUsed, e.OccurredAt)],
            LoanStarted e when await StateBeforeAsync<Loan>(@event, cancellationToken) is { } loan =>
                [new Requests.LoanOpened(
                    e.LoanId, loan.VehicleCode, loan.Model, loan.Region, loan.Borrower, loan.Site, loan.DueDate, loan.ConditionId, loan.OpportunityId, e.OccurredAt,
                    loan.BorrowerId)],
            // A loan fleet took back by its own hand was never reported returned here: dispatch knows no hours of it, and tells 0.
            LoanReturned e when await StateBeforeAsync<Loan>(@event, cancellationToken) is { } loan =>
                [new Requests.LoanClosed(e.LoanId, loan.VehicleCode, loan.HoursUsed ?? 0m, e.OccurredAt)],
            TransferPlanned e => [new Requests.VehicleTransferRequested(e.TransferId, e.VehicleCode, e.TransferId, e.ToWarehouse, e.ToRegion, e.OccurredAt)],
            TransferArrivalReported e => [new Requests.VehicleArrivalReported($"{e.TransferId}/arrival", e.VehicleCode, e.TransferId, e.OccurredAt)],
            _ => [],
        };
}
