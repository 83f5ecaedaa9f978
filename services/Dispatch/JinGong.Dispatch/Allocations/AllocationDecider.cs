using JinGong.Dispatch.Regions;
using JinGong.Domain;

namespace JinGong.Dispatch.Allocations;

/// <summary>A free vehicle allocation may ask for: in stock and claimed by no other order.</summary>
public sealed record Candidate(string VehicleCode, string Model, string Region, string Warehouse);

/// <summary>
/// The free vehicles of an allocation's models, as the catalogue and the claims had them when the command was made, and the
/// map that says how far each is from the order's region: what choosing a vehicle needs, read before deciding.
/// </summary>
public sealed record FreeVehicles(IReadOnlyList<Candidate> Candidates, RegionMap Regions);

/// <summary>
/// What the bus or a dispatcher asks of an allocation: when what caused it happened (its business time: the order's
/// placing, fleet's change, the dispatcher's report), and the clock's reading.
/// </summary>
public abstract record AllocationCommand(string OrderId, DateTimeOffset OccurredAt, DateTimeOffset Now)
{
    /// <summary>Names the requests a decision sends fleet and the transfers it starts (tests give a counter).</summary>
    public Func<string, string> NewId { get; init; } = JinGong.Domain.NewId.For;

    /// <summary>
    /// When a fact caused by something that happened elsewhere is recorded on the allocation: at that cause's time, kept
    /// from going back before the allocation's last event or beyond now (answers cross on the bus) — never at the moment
    /// the message happened to be handled, which put a back-dated order's reservations and deliveries at replay time.
    /// </summary>
    public DateTimeOffset At(Allocation? state) => BusinessTime.Clamp(OccurredAt, state?.LastOccurredAt, Now);
}

/// <summary>An order was placed: its allocation opens with a unit per vehicle ordered, and each unit is given a vehicle.</summary>
public sealed record OpenAllocation(
    string OrderId, string Customer, string Region, string DeliverySite, IReadOnlyList<string> Models, FreeVehicles Free, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>A vehicle came (back) into stock at <paramref name="OccurredAt"/>: the units still waiting are given one.</summary>
public sealed record AssignVehicles(string OrderId, FreeVehicles Free, DateTimeOffset OccurredAt, DateTimeOffset Now) : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>Fleet reserved the vehicle asked for; <paramref name="Regions"/> say where a vehicle from elsewhere is brought.</summary>
public sealed record RecordReservation(string OrderId, string VehicleCode, RegionMap Regions, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>Fleet refused the reservation <paramref name="RequestId"/> by <paramref name="Rule"/>: the unit is given the next free vehicle.</summary>
public sealed record RecordReservationRefusal(string OrderId, string RequestId, string Rule, FreeVehicles Free, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>Fleet set off a vehicle to the order's region.</summary>
public sealed record RecordTransferStart(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now) : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>Fleet landed a travelling vehicle at the order's home warehouse.</summary>
public sealed record RecordArrival(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now) : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>Fleet recorded the vehicle delivered to the customer.</summary>
public sealed record RecordDelivery(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now) : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>The order was cancelled.</summary>
public sealed record CancelAllocation(string OrderId, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now) : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>What a dispatcher reports about the unit served by <paramref name="VehicleCode"/>, with its business time.</summary>
public abstract record UnitCommand(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now) : AllocationCommand(OrderId, OccurredAt, Now);

/// <summary>The vehicle of a transfer reached the order's region.</summary>
public sealed record ReportArrival(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : UnitCommand(OrderId, VehicleCode, OccurredAt, Now);

public sealed record ScheduleDelivery(string OrderId, string VehicleCode, DateOnly Date, string? Site, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : UnitCommand(OrderId, VehicleCode, OccurredAt, Now);

public sealed record ConfirmDelivery(string OrderId, string VehicleCode, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : UnitCommand(OrderId, VehicleCode, OccurredAt, Now);

/// <summary>
/// Every rule of allocation: each unit gets the nearest free vehicle of its model (the order's region first),
/// a unit served from another region travels to the order's home warehouse (its arrival is reported only once fleet has
/// set it off), a refused vehicle is never asked
/// for again for that unit, a unit with no candidate waits (backordered), and a cancelled order gives its
/// vehicles back. Facts from fleet are applied once: a repeated or stale one decides nothing.
/// </summary>
public static class AllocationDecider
{
    public static Decision Decide(AllocationCommand command, Allocation? state) => (command, state) switch
    {
        (OpenAllocation open, null) => Open(open),
        // An order opens its allocation once: the same order placed again changes nothing.
        (OpenAllocation, _) => Decision.Accept(),
        (UnitCommand, null) => Decision.Reject(NotFound(command.OrderId)),
        // Fleet's answers and cancellations for an order dispatch never opened (e.g. a vehicle fleet reserved by hand): nothing to follow.
        (_, null) => Decision.Accept(),
        (AssignVehicles assign, _) => Decision.Accept([.. Assign(state, assign.Free, assign.At(state), assign.NewId)]),
        (RecordReservation reserved, _) => Decision.Accept([.. Reserved(state, reserved)]),
        (RecordReservationRefusal refusal, _) => Decision.Accept([.. Refused(state, refusal)]),
        (RecordTransferStart started, _) =>
            Decision.Accept([.. state.UnitWith(started.VehicleCode) is { Status: UnitStatus.AwaitingTransfer } unit
                ? [new UnitTransferStarted(state.OrderId, unit.Number, started.VehicleCode, started.At(state))] : Array.Empty<object>()]),
        // Fleet's answers share one queue and may be handled out of order: an arrival that overtook its start still
        // lands the unit (the start, coming later, then finds nothing to do).
        (RecordArrival arrived, _) =>
            Decision.Accept([.. state.UnitWith(arrived.VehicleCode) is { Status: UnitStatus.AwaitingTransfer or UnitStatus.InTransit } unit
                ? [new UnitArrived(state.OrderId, unit.Number, arrived.VehicleCode, arrived.At(state))] : Array.Empty<object>()]),
        (RecordDelivery delivered, _) =>
            Decision.Accept([.. state.UnitWith(delivered.VehicleCode) is { Status: not UnitStatus.Delivered } unit
                ? [new UnitDelivered(state.OrderId, unit.Number, delivered.VehicleCode, delivered.At(state))] : Array.Empty<object>()]),
        (CancelAllocation cancel, _) => Decision.Accept([.. Cancel(state, cancel)]),
        (UnitCommand unit, _) => DecideOnUnit(unit, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on an allocation."),
    };

    private static Decision Open(OpenAllocation open)
    {
        var opened = new AllocationOpened(open.OrderId, open.Customer, open.Region, open.DeliverySite, open.Models, open.At(null));
        return Decision.Accept([opened, .. Assign(Allocation.Evolve(null, opened)!, open.Free, opened.OccurredAt, open.NewId)]);
    }

    /// <summary>The units that need a vehicle are each given the nearest free one of their model, or backordered (once).</summary>
    private static IReadOnlyList<object> Assign(Allocation state, FreeVehicles free, DateTimeOffset at, Func<string, string> newId)
    {
        if (state.Cancelled)
        {
            return [];
        }

        var taken = new HashSet<string>();
        var events = new List<object>();
        foreach (var unit in state.Units.Where(unit => unit.NeedsVehicle))
        {
            var choice = free.Candidates
                .Where(candidate => candidate.Model == unit.Model && !taken.Contains(candidate.VehicleCode) && !unit.Refused.Contains(candidate.VehicleCode))
                .Select(candidate => (Candidate: candidate, Distance: free.Regions.Distance(state.Region, candidate.Region)))
                .Where(option => !double.IsPositiveInfinity(option.Distance))
                .OrderBy(option => option.Distance).ThenBy(option => option.Candidate.VehicleCode, StringComparer.Ordinal)
                .Select(option => option.Candidate)
                .FirstOrDefault();
            if (choice is null)
            {
                if (unit.Status != UnitStatus.Backordered)
                {
                    events.Add(new UnitBackordered(state.OrderId, unit.Number, unit.Model, at));
                }

                continue;
            }

            taken.Add(choice.VehicleCode);
            events.Add(new ReservationRequested(state.OrderId, unit.Number, choice.VehicleCode, choice.Region, newId("REQ"), at));
        }

        return events;
    }

    /// <summary>Fleet reserved the vehicle: the unit is served (and travels when it is elsewhere); for a cancelled order it goes back at once.</summary>
    private static IReadOnlyList<object> Reserved(Allocation state, RecordReservation reserved)
    {
        var unit = state.Units.FirstOrDefault(unit => unit.VehicleCode == reserved.VehicleCode && unit.Status is UnitStatus.Requested or UnitStatus.Released);
        if (unit is null)
        {
            return [];
        }

        var at = reserved.At(state);
        if (state.Cancelled)
        {
            // The reservation crossed the cancellation on the bus: give the vehicle back.
            return [new ReleaseRequested(state.OrderId, unit.Number, reserved.VehicleCode, reserved.NewId("REQ"), at)];
        }

        if (unit.Status == UnitStatus.Released)
        {
            return [];
        }

        var unitReserved = new UnitReserved(state.OrderId, unit.Number, reserved.VehicleCode, at);
        return unit.VehicleRegion != state.Region && reserved.Regions.Find(state.Region) is { } home
            ? [unitReserved, new TransferRequested(state.OrderId, unit.Number, reserved.VehicleCode, reserved.NewId("TRF"), home.Warehouse, home.Name, reserved.NewId("REQ"), at)]
            : [unitReserved];
    }

    /// <summary>
    /// Fleet refused a reservation this allocation asked for: that vehicle is out for that unit, and the unit is given the
    /// next free one at once. A refusal of a request this allocation did not make (or no longer waits on) changes nothing.
    /// </summary>
    private static IReadOnlyList<object> Refused(Allocation state, RecordReservationRefusal refusal)
    {
        if (state.Units.FirstOrDefault(unit => unit.RequestId == refusal.RequestId && unit.Status == UnitStatus.Requested) is not { } unit)
        {
            return [];
        }

        var refused = new ReservationRefused(state.OrderId, unit.Number, unit.VehicleCode!, refusal.Rule, refusal.At(state));
        return [refused, .. Assign(Allocation.Evolve(state, refused)!, refusal.Free, refused.OccurredAt, refusal.NewId)];
    }

    private static IReadOnlyList<object> Cancel(Allocation state, CancelAllocation cancel) =>
        state.Cancelled ? [] :
        [
            new AllocationCancelled(state.OrderId, cancel.Reason, cancel.At(state)),
            .. state.Units
                .Where(unit => unit.VehicleCode is not null && unit.Status is UnitStatus.Requested or UnitStatus.Reserved or UnitStatus.AwaitingTransfer or UnitStatus.InTransit or UnitStatus.Scheduled)
                .Select(unit => new ReleaseRequested(state.OrderId, unit.Number, unit.VehicleCode!, cancel.NewId("REQ"), cancel.At(state))),
        ];

    /// <summary>What dispatchers report through the API: arrival of a transfer, scheduling and confirming a delivery.</summary>
    private static Decision DecideOnUnit(UnitCommand command, Allocation state)
    {
        // Reported again (a client that lost the answer): done already, answered as it stands with nothing appended.
        if (AlreadyDone(command, state))
        {
            return Decision.Accept();
        }

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
                Decision.Accept(new ArrivalReported(state.OrderId, unit.Number, c.VehicleCode, unit.TransferId!, command.NewId("REQ"), c.OccurredAt)),
            (ReportArrival, UnitStatus.AwaitingTransfer) => Decision.Reject(new(
                "transfer-not-started", $"Fleet has not set off vehicle {command.VehicleCode} yet; report its arrival once it is on its way.", ErrorKind.Conflict)),
            (ReportArrival, _) => Decision.Reject(new("unit-not-in-transit", $"Vehicle {command.VehicleCode} is {unit.Status}, not in transit.", ErrorKind.Conflict)),
            (ScheduleDelivery c, UnitStatus.Reserved or UnitStatus.Scheduled) =>
                Decision.Accept(new DeliveryScheduled(state.OrderId, unit.Number, c.VehicleCode, c.Date, c.Site ?? state.DeliverySite, c.OccurredAt)),
            (ScheduleDelivery, _) => Decision.Reject(new(
                "unit-not-ready-for-delivery", $"Vehicle {command.VehicleCode} is {unit.Status}: only a unit reserved in the order's region is delivered.", ErrorKind.Conflict)),
            (ConfirmDelivery c, UnitStatus.Scheduled) =>
                Decision.Accept(new DeliveryConfirmed(state.OrderId, unit.Number, c.VehicleCode, state.Customer, unit.DeliverySite!, command.NewId("REQ"), c.OccurredAt)),
            (ConfirmDelivery, _) => Decision.Reject(new("delivery-not-scheduled", $"Vehicle {command.VehicleCode} is {unit.Status}, not scheduled for delivery; schedule its delivery first.", ErrorKind.Conflict)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a dispatcher's command on a unit."),
        };
    }

    /// <summary>
    /// A delivery confirmed again (the unit is being delivered or was), or an arrival reported again for a unit that has
    /// arrived: nothing to do.
    /// </summary>
    private static bool AlreadyDone(UnitCommand command, Allocation state) => (command, state.UnitWith(command.VehicleCode)) switch
    {
        (ConfirmDelivery, { Status: UnitStatus.Delivering or UnitStatus.Delivered }) => true,
        (ReportArrival, { TransferId: not null, Status: UnitStatus.Reserved or UnitStatus.Scheduled or UnitStatus.Delivering or UnitStatus.Delivered }) => true,
        _ => false,
    };

    public static DomainError NotFound(string orderId) => new("allocation-not-found", $"Dispatch has no allocation for order {orderId}.", ErrorKind.NotFound);
}
