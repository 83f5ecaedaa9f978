using JinGong.Dispatch.Regions;
using JinGong.Domain;

namespace JinGong.Dispatch.Allocations;

/// <summary>A free vehicle allocation may ask for: in stock and claimed by no other order.</summary>
public sealed record Candidate(string VehicleCode, string Model, string Region, string Warehouse);

/// <summary>What someone asks of an allocation through the API, with its business time and the clock's reading.</summary>
public abstract record AllocationCommand(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>The vehicle of a transfer reached the order's region.</summary>
public sealed record ReportArrival(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AllocationCommand(OrderId, VehicleCode, OccurredAt, Now);

public sealed record ScheduleDelivery(string OrderId, string VehicleCode, DateOnly Date, string? Site, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AllocationCommand(OrderId, VehicleCode, OccurredAt, Now);

public sealed record ConfirmDelivery(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AllocationCommand(OrderId, VehicleCode, OccurredAt, Now);

/// <summary>
/// Every rule of allocation: each unit gets the nearest free vehicle of its model (the order's region first),
/// a unit served from another region travels to the order's home warehouse (its arrival is reported only once fleet has
/// set it off), a refused vehicle is never asked
/// for again for that unit, a unit with no candidate waits (backordered), and a cancelled order gives its
/// vehicles back. Facts from fleet are applied once: a repeated or stale one decides nothing.
/// </summary>
public static class AllocationDecider
{
    public static AllocationOpened Open(string orderId, string customer, string region, string deliverySite, IReadOnlyList<string> models, DateTimeOffset now) =>
        new(orderId, customer, region, deliverySite, models, now);

    public static IReadOnlyList<object> Assign(Allocation state, IReadOnlyList<Candidate> free, RegionMap regions, DateTimeOffset now, Func<string, string> newId)
    {
        if (state.Cancelled)
        {
            return [];
        }

        var taken = new HashSet<string>();
        var events = new List<object>();
        foreach (var unit in state.Units.Where(unit => unit.NeedsVehicle))
        {
            var choice = free
                .Where(candidate => candidate.Model == unit.Model && !taken.Contains(candidate.VehicleCode) && !unit.Refused.Contains(candidate.VehicleCode))
                .Select(candidate => (Candidate: candidate, Distance: regions.Distance(state.Region, candidate.Region)))
                .Where(option => !double.IsPositiveInfinity(option.Distance))
                .OrderBy(option => option.Distance).ThenBy(option => option.Candidate.VehicleCode, StringComparer.Ordinal)
                .Select(option => option.Candidate)
                .FirstOrDefault();
            if (choice is null)
            {
                if (unit.Status != UnitStatus.Backordered)
                {
                    events.Add(new UnitBackordered(state.OrderId, unit.Number, unit.Model, now));
                }

                continue;
            }

            taken.Add(choice.VehicleCode);
            events.Add(new ReservationRequested(state.OrderId, unit.Number, choice.VehicleCode, choice.Region, newId("REQ"), now));
        }

        return events;
    }

    /// <summary>Fleet reserved the vehicle: the unit is served (and travels when it is elsewhere); for a cancelled order it goes back at once.</summary>
    public static IReadOnlyList<object> Reserved(Allocation state, string vehicleCode, RegionMap regions, DateTimeOffset now, Func<string, string> newId)
    {
        var unit = state.Units.FirstOrDefault(unit => unit.VehicleCode == vehicleCode && unit.Status is UnitStatus.Requested or UnitStatus.Released);
        if (unit is null)
        {
            return [];
        }

        if (state.Cancelled)
        {
            // The reservation crossed the cancellation on the bus: give the vehicle back.
            return [new ReleaseRequested(state.OrderId, unit.Number, vehicleCode, newId("REQ"), now)];
        }

        if (unit.Status == UnitStatus.Released)
        {
            return [];
        }

        var reserved = new UnitReserved(state.OrderId, unit.Number, vehicleCode, now);
        return unit.VehicleRegion != state.Region && regions.Find(state.Region) is { } home
            ? [reserved, new TransferRequested(state.OrderId, unit.Number, vehicleCode, newId("TRF"), home.Warehouse, home.Name, newId("REQ"), now)]
            : [reserved];
    }

    /// <summary>Fleet refused a reservation this allocation asked for: that vehicle is out for that unit.</summary>
    public static IReadOnlyList<object> Refused(Allocation state, string requestId, string rule, DateTimeOffset now) =>
        state.Units.FirstOrDefault(unit => unit.RequestId == requestId && unit.Status == UnitStatus.Requested) is { } unit
            ? [new ReservationRefused(state.OrderId, unit.Number, unit.VehicleCode!, rule, now)]
            : [];

    /// <summary>Fleet set off the unit's vehicle to the order's region: from now on its arrival can be reported.</summary>
    public static IReadOnlyList<object> TransferStarted(Allocation state, string vehicleCode, DateTimeOffset now) =>
        state.UnitWith(vehicleCode) is { Status: UnitStatus.AwaitingTransfer } unit ? [new UnitTransferStarted(state.OrderId, unit.Number, vehicleCode, now)] : [];

    /// <remarks>
    /// Fleet's answers share one queue and may be handled out of order: an arrival that overtook its start still
    /// lands the unit (the start, coming later, then finds nothing to do).
    /// </remarks>
    public static IReadOnlyList<object> Arrived(Allocation state, string vehicleCode, DateTimeOffset now) =>
        state.UnitWith(vehicleCode) is { Status: UnitStatus.AwaitingTransfer or UnitStatus.InTransit } unit ? [new UnitArrived(state.OrderId, unit.Number, vehicleCode, now)] : [];

    public static IReadOnlyList<object> Delivered(Allocation state, string vehicleCode, DateTimeOffset now) =>
        state.UnitWith(vehicleCode) is { Status: not UnitStatus.Delivered } unit ? [new UnitDelivered(state.OrderId, unit.Number, vehicleCode, now)] : [];

    public static IReadOnlyList<object> Cancel(Allocation state, string reason, DateTimeOffset now, Func<string, string> newId) =>
        state.Cancelled ? [] :
        [
            new AllocationCancelled(state.OrderId, reason, now),
            .. state.Units
                .Where(unit => unit.VehicleCode is not null && unit.Status is UnitStatus.Requested or UnitStatus.Reserved or UnitStatus.AwaitingTransfer or UnitStatus.InTransit or UnitStatus.Scheduled)
                .Select(unit => new ReleaseRequested(state.OrderId, unit.Number, unit.VehicleCode!, newId("REQ"), now)),
        ];

    /// <summary>The commands people send through the API: arrival of a transfer, scheduling and confirming a delivery.</summary>
    public static Decision Decide(AllocationCommand command, Allocation state, Func<string, string> newId)
    {
        if (state.Cancelled)
        {
            return Decision.Reject(new("allocation-cancelled", $"Order {state.OrderId} was cancelled; its allocation takes no more changes.", ErrorKind.Conflict));
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, null, $"allocation {state.OrderId}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        if (state.UnitWith(command.VehicleCode) is not { } unit)
        {
            return Decision.Reject(new("vehicle-not-allocated", $"Vehicle {command.VehicleCode} serves no unit of order {state.OrderId}.", ErrorKind.Conflict));
        }

        return (command, unit.Status) switch
        {
            (ReportArrival c, UnitStatus.InTransit) =>
                Decision.Accept(new ArrivalReported(state.OrderId, unit.Number, c.VehicleCode, unit.TransferId!, newId("REQ"), c.OccurredAt)),
            (ReportArrival, UnitStatus.AwaitingTransfer) => Decision.Reject(new(
                "transfer-not-started", $"Fleet has not set off vehicle {command.VehicleCode} yet; report its arrival once it is on its way.", ErrorKind.Conflict)),
            (ReportArrival, _) => Decision.Reject(new("unit-not-in-transit", $"Vehicle {command.VehicleCode} is {unit.Status}, not in transit.", ErrorKind.Conflict)),
            (ScheduleDelivery c, UnitStatus.Reserved or UnitStatus.Scheduled) =>
                Decision.Accept(new DeliveryScheduled(state.OrderId, unit.Number, c.VehicleCode, c.Date, c.Site ?? state.DeliverySite, c.OccurredAt)),
            (ScheduleDelivery, _) => Decision.Reject(new(
                "unit-not-ready-for-delivery", $"Vehicle {command.VehicleCode} is {unit.Status}: only a unit reserved in the order's region is delivered.", ErrorKind.Conflict)),
            (ConfirmDelivery c, UnitStatus.Scheduled) =>
                Decision.Accept(new DeliveryConfirmed(state.OrderId, unit.Number, c.VehicleCode, state.Customer, unit.DeliverySite!, newId("REQ"), c.OccurredAt)),
            (ConfirmDelivery, _) => Decision.Reject(new("delivery-not-scheduled", $"Vehicle {command.VehicleCode} is {unit.Status}; schedule its delivery first.", ErrorKind.Conflict)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on an allocation."),
        };
    }

    public static DomainError NotFound(string orderId) => new("allocation-not-found", $"Dispatch has no allocation for order {orderId}.", ErrorKind.NotFound);
}
