using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Warehouses;
using Marten;
using MassTransit;
using Kind = JinGong.Contracts.Fleet.VehicleRequestKinds;
using Requests = JinGong.Contracts.Dispatch;

namespace JinGong.Fleet.Integration;

/// <summary>
/// What dispatch asks of a vehicle becomes the same command a person would send, decided by the same
/// <see cref="VehicleDecider"/>, once per message. A request the rules forbid is not dropped: the refusal is
/// recorded on the vehicle (<see cref="VehicleRequestRefused"/>) and published, so dispatch can try another unit.
/// A request keeps the business time dispatch gave it (a loan that began on site yesterday), but never
/// earlier than the vehicle's last event nor later than now.
/// </summary>
public static class DispatchRequests
{
    public static void AddDispatchRequestConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<Requests.VehicleReservationRequested>(bus, "reservation");
        Add<Requests.VehicleReleaseRequested>(bus, "release");
        Add<Requests.VehicleTransferRequested>(bus, "transfer");
        Add<Requests.VehicleArrivalReported>(bus, "arrival");
        Add<Requests.VehicleLoanRequested>(bus, "loan");
        Add<Requests.VehicleReturnReported>(bus, "return");
        Add<Requests.VehicleDeliveryConfirmed>(bus, "delivery");
    }

    /// <summary>The command a request stands for, with the request's id, what was asked (in one word) and the order it concerns.</summary>
    /// <param name="destination">The warehouse a transfer goes to, as fleet knows it (null for other requests, or none open).</param>
    public static AnswerDispatchRequest Translate(object message, Warehouse? destination, DateTimeOffset at, DateTimeOffset now) => message switch
    {
        Requests.VehicleReservationRequested m => new(new ReserveVehicle(m.VehicleCode, m.OrderId, at, now), m.RequestId, Kind.Reserve, m.OrderId),
        Requests.VehicleReleaseRequested m => new(new ReleaseReservation(m.VehicleCode, m.OrderId, m.Reason, at, now), m.RequestId, Kind.Release, m.OrderId),
        Requests.VehicleTransferRequested m => new(new StartTransfer(m.VehicleCode, m.TransferId, m.ToWarehouse, m.ToRegion, destination, at, now), m.RequestId, Kind.Transfer, null),
        Requests.VehicleArrivalReported m => new(new CompleteTransfer(m.VehicleCode, m.TransferId, at, now), m.RequestId, Kind.Arrive, null),
        Requests.VehicleLoanRequested m => new(new LendVehicle(m.VehicleCode, m.LoanId, m.Borrower, m.Site, m.DueDate, at, now), m.RequestId, Kind.Lend, null),
        Requests.VehicleReturnReported m => new(new ReturnVehicle(m.VehicleCode, m.LoanId, m.HoursUsed, at, now), m.RequestId, Kind.Return, null),
        Requests.VehicleDeliveryConfirmed m => new(new DeliverVehicle(m.VehicleCode, m.OrderId, m.Customer, m.Site, at, now), m.RequestId, Kind.Deliver, m.OrderId),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Not a request of dispatch."),
    };

    /// <summary>The vehicle a request is about, and when the request says it happened.</summary>
    public static (string VehicleCode, DateTimeOffset OccurredAt) Subject(object message) => message switch
    {
        Requests.VehicleReservationRequested m => (m.VehicleCode, m.OccurredAt),
        Requests.VehicleReleaseRequested m => (m.VehicleCode, m.OccurredAt),
        Requests.VehicleTransferRequested m => (m.VehicleCode, m.OccurredAt),
        Requests.VehicleArrivalReported m => (m.VehicleCode, m.OccurredAt),
        Requests.VehicleLoanRequested m => (m.VehicleCode, m.OccurredAt),
        Requests.VehicleReturnReported m => (m.VehicleCode, m.OccurredAt),
        Requests.VehicleDeliveryConfirmed m => (m.VehicleCode, m.OccurredAt),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Not a request of dispatch."),
    };

    // Each request gets its own queue, e.g. fleet-vehicle-reservation-requests.
    private static void Add<TRequest>(IBusRegistrationConfigurator bus, string name)
        where TRequest : class =>
        bus.AddConsumer<DispatchRequestConsumer<TRequest>>().Endpoint(endpoint => endpoint.Name = $"fleet-vehicle-{name}-requests");
}

public sealed class DispatchRequestConsumer<TRequest>(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<DispatchRequestConsumer<TRequest>> logger)
    : IdempotentConsumer<TRequest>(session, service, clock, logger)
    where TRequest : class
{
    protected override async Task ApplyAsync(TRequest message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var (code, requestedAt) = DispatchRequests.Subject(message);
        var destination = message is Requests.VehicleTransferRequested transfer ? await session.FindAsync(transfer.ToWarehouse, cancellationToken) : null;
        var decided = await session.AppendDecisionAsync<Vehicle>(
            code, vehicle => VehicleDecider.Decide(DispatchRequests.Translate(message, destination, BusinessTime.Clamp(requestedAt, vehicle?.LastOccurredAt, now), now), vehicle), cancellationToken);
        if (decided.Decision is Decision.Rejected { Error: var unknown })
        {
            // Dispatch only asks about vehicles fleet told it of: a message no retry can fix, parked in the _error queue.
            throw new InvalidOperationException($"Dispatch asked about vehicle {code}, which fleet does not know: {unknown.Detail}");
        }
    }
}
