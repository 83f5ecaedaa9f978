using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.Domain.Figures;
using JinGong.Fleet.Integration;
using JinGong.Fleet.Vehicles.Usage;
using JinGong.Fleet.Warehouses;
using VehicleRules = JinGong.Contracts.Fleet.VehicleRules;

namespace JinGong.Fleet.Vehicles;

/// <summary>
/// What someone asks of a vehicle. Every command carries when it happened (<see cref="OccurredAt"/>, business
/// time) and the clock's reading (<see cref="Now"/>), so deciding never reads the clock.
/// </summary>
public abstract record VehicleCommand(string Code, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <param name="Region">The region the registration names, if any: it must be the warehouse's own.</param>
/// <param name="Site">The warehouse <paramref name="Warehouse"/> as fleet knows it, or null when none is open under that code.</param>
public sealed record RegisterVehicle(
    string Code, string Model, string Category, string? Region, string Warehouse, Warehouse? Site, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record ReserveVehicle(string Code, string OrderId, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record ReleaseReservation(string Code, string OrderId, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

/// <param name="ToRegion">The region the transfer names, if any: it must be the destination's own.</param>
/// <param name="Destination">The warehouse <paramref name="ToWarehouse"/> as fleet knows it, or null when none is open under that code.</param>
public sealed record StartTransfer(
    string Code, string TransferId, string ToWarehouse, string? ToRegion, Warehouse? Destination, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record CompleteTransfer(string Code, string TransferId, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record LendVehicle(string Code, string LoanId, string Borrower, string Site, DateOnly DueDate, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record ReturnVehicle(string Code, string LoanId, decimal HoursUsed, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record DeliverVehicle(string Code, string OrderId, string Customer, string Site, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record OpenMaintenance(string Code, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record CloseMaintenance(string Code, string Outcome, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

/// <summary>One telematics reading: when, cumulative operating hours, where.</summary>
public sealed record UsagePoint(DateTimeOffset At, decimal OperatingHours, double Latitude, double Longitude);

/// <summary>
/// A batch of telematics readings, sorted by time; <paramref name="BatchId"/> makes a resend recognisable.
/// <paramref name="Stored"/> is what fleet holds around the batch's span, for the batch to be placed among.
/// </summary>
public sealed record ReportUsage(
    string Code, string BatchId, IReadOnlyList<UsagePoint> Points, StoredReadings Stored, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

public sealed record RetireVehicle(string Code, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : VehicleCommand(Code, OccurredAt, Now);

/// <summary>
/// What dispatch asked of the vehicle (<paramref name="Request"/>, decided as if a person had sent it), with the request's
/// id, what was asked in one word (<paramref name="Kind"/>) and the order it concerns: a refusal is not dropped but
/// recorded on the vehicle, so that it is published as reliably as any change and dispatch can try another unit.
/// </summary>
public sealed record AnswerDispatchRequest(VehicleCommand Request, string RequestId, string Kind, string? OrderId)
    : VehicleCommand(Request.Code, Request.OccurredAt, Request.Now);

/// <summary>Every rule of a vehicle's life, as a pure function of a command and the current state.</summary>
public static class VehicleDecider
{
    public static Decision Decide(VehicleCommand command, Vehicle? state)
    {
        if (command is AnswerDispatchRequest answer && state is not null)
        {
            var decided = Decide(answer.Request, state);
            return decided is Decision.Rejected { Error: var refused }
                ? Accept(new VehicleRequestRefused(state.Code, answer.RequestId, answer.Kind, answer.OrderId, refused.Rule, refused.Detail, answer.Now))
                : decided;
        }

        if (command is RegisterVehicle register)
        {
            var (region, misplaced) = WarehouseDecider.RegionOf(register.Warehouse, register.Site, register.Region);
            return state is not null ? Reject(AlreadyRegistered(register.Code))
                : register.OccurredAt > register.Now ? Reject(BusinessTime.OccurredInFuture(register.OccurredAt, register.Now))
                : misplaced is not null ? Reject(misplaced)
                : Accept(new VehicleRegistered(register.Code, register.Model, register.Category, region!, register.Warehouse, register.OccurredAt));
        }

        if (state is null)
        {
            return Reject(NotFound(command.Code));
        }

        // Readings a unit took before it was retired may still arrive: it buffered them out of signal.
        if (state.Status == VehicleStatus.Retired && !(command is ReportUsage late && late.Points[^1].At <= state.LastOccurredAt))
        {
            return Reject(new("vehicle-retired", $"Vehicle {state.Code} is retired and accepts nothing more.", ErrorKind.Conflict));
        }

        if (command.OccurredAt > command.Now)
        {
            return Reject(BusinessTime.OccurredInFuture(command.OccurredAt, command.Now));
        }

        // Asked again (a client that lost the answer): done already, answered as it stands with nothing appended,
        // whatever its time. Dispatch needs no second answer either: the reservation's own change of status answers
        // every request of that order for that vehicle.
        if (command is ReserveVehicle reserve && state.ReservedFor == reserve.OrderId && state.Status != VehicleStatus.Delivered)
        {
            return Accept();
        }

        if (command is ReportUsage usage)
        {
            return DecideUsage(usage, state);
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"vehicle {state.Code}") is { } timeError)
        {
            return Reject(timeError);
        }

        return Transition(command, state);
    }

    // The status × command table: one arm per allowed pair; every other pair is an illegal transition.
    private static Decision Transition(VehicleCommand command, Vehicle state) => (command, state.Status) switch
    {
        (ReserveVehicle c, VehicleStatus.InStock) =>
            Accept(new VehicleReserved(state.Code, c.OrderId, c.OccurredAt)),

        (ReleaseReservation c, VehicleStatus.Reserved or VehicleStatus.InTransit) when state.ReservedFor == c.OrderId =>
            Accept(new VehicleReservationReleased(state.Code, c.OrderId, c.Reason, c.OccurredAt)),
        (ReleaseReservation c, VehicleStatus.Reserved or VehicleStatus.InTransit) when state.ReservedFor is not null =>
            Reject(ReservedForAnotherOrder(state, c.OrderId)),

        (StartTransfer c, VehicleStatus.InStock or VehicleStatus.Reserved) when c.ToWarehouse == state.Warehouse =>
            Reject(new("transfer-to-same-warehouse", $"Vehicle {state.Code} is already at {state.Warehouse}.", ErrorKind.Unprocessable)),
        (StartTransfer c, VehicleStatus.InStock or VehicleStatus.Reserved) =>
            WarehouseDecider.RegionOf(c.ToWarehouse, c.Destination, c.ToRegion) is (_, { } misplaced) ? Reject(misplaced)
            : Accept(new VehicleTransferStarted(state.Code, c.TransferId, state.Warehouse, c.ToWarehouse, c.Destination!.Region, c.OccurredAt)),

        (CompleteTransfer c, VehicleStatus.InTransit) when state.Transfer?.TransferId != c.TransferId =>
            Reject(new("unknown-transfer", $"Vehicle {state.Code} is travelling under transfer {state.Transfer?.TransferId}, not {c.TransferId}.", ErrorKind.Conflict)),
        (CompleteTransfer c, VehicleStatus.InTransit) =>
            Accept(new VehicleTransferArrived(state.Code, c.TransferId, state.Transfer!.ToWarehouse, state.Transfer.ToRegion, c.OccurredAt)),

        (LendVehicle c, VehicleStatus.InStock) when c.DueDate < ChinaTime.DateOf(c.OccurredAt) =>
            Reject(new("due-before-lent", $"The loan is due {c.DueDate:O}, before it starts.", ErrorKind.Unprocessable)),
        (LendVehicle c, VehicleStatus.InStock) =>
            Accept(new VehicleLent(state.Code, c.LoanId, c.Borrower, c.Site, c.DueDate, c.OccurredAt)),

        (ReturnVehicle c, VehicleStatus.OnLoan) when state.Loan?.LoanId != c.LoanId =>
            Reject(new("unknown-loan", $"Vehicle {state.Code} is out on loan {state.Loan?.LoanId}, not {c.LoanId}.", ErrorKind.Conflict)),
        (ReturnVehicle c, VehicleStatus.OnLoan) =>
            Accept(new VehicleReturned(state.Code, c.LoanId, c.HoursUsed, c.OccurredAt)),

        (DeliverVehicle c, VehicleStatus.Reserved) when state.ReservedFor != c.OrderId =>
            Reject(ReservedForAnotherOrder(state, c.OrderId)),
        (DeliverVehicle c, VehicleStatus.Reserved) =>
            Accept(new VehicleDelivered(state.Code, c.OrderId, c.Customer, c.Site, c.OccurredAt)),

        // After-sales [售后] covers delivered vehicles too; a loaned unit may be repaired on site.
        (OpenMaintenance c, VehicleStatus.InStock or VehicleStatus.Reserved or VehicleStatus.OnLoan or VehicleStatus.Delivered) =>
            Accept(new MaintenanceOpened(state.Code, c.Reason, c.OccurredAt)),

        (CloseMaintenance c, VehicleStatus.InMaintenance) =>
            Accept(new MaintenanceClosed(state.Code, c.Outcome, c.OccurredAt)),

        (RetireVehicle c, VehicleStatus.InStock or VehicleStatus.InMaintenance) =>
            Accept(new VehicleRetired(state.Code, c.Reason, c.OccurredAt)),

        _ => Reject(IllegalTransition(command, state)),
    };

    // Telematics keep reporting in every status (a delivered unit still works at its customer's site). A unit out of
    // signal buffers its readings and uploads them late, out of order, sometimes twice: a batch is placed among the
    // readings stored wherever its time falls. A reading already stored is not stored again; the meter is cumulative,
    // so each new reading must lie between the stored ones around it in time, or nothing of the batch is stored.
    private static Decision DecideUsage(ReportUsage usage, Vehicle state)
    {
        if (usage.Stored.BatchRecorded)
        {
            return Accept();
        }

        if (usage.Points[0].At < state.RegisteredAt)
        {
            return Reject(new("usage-before-registration",
                $"The batch starts at {usage.Points[0].At:O}, before vehicle {state.Code} was registered ({state.RegisteredAt:O}).", ErrorKind.Unprocessable));
        }

        var stored = usage.Stored.Around;
        var fresh = new List<UsagePoint>(usage.Points.Count);
        var next = 0;
        foreach (var point in usage.Points)
        {
            while (next < stored.Count && stored[next].At < point.At)
            {
                next++;
            }

            var same = next < stored.Count && stored[next].At == point.At;
            if (Contradiction(point, same ? stored[next] : null, next > 0 ? stored[next - 1] : null, next < stored.Count ? stored[next] : null) is { } contradicted)
            {
                return Reject(contradicted);
            }

            if (!same)
            {
                fresh.Add(point);
            }
        }

        return fresh.Count == 0 ? Accept() : Accept(new UsageReported(
            state.Code, usage.BatchId, fresh.Count, fresh[0].At, fresh[^1].At, fresh[0].OperatingHours, fresh[^1].OperatingHours,
            fresh[^1].At > state.LastOccurredAt ? fresh[^1].At : state.LastOccurredAt));
    }

    // The stored reading a new one contradicts, named: at its instant with other hours, or before it with more, or after it with fewer.
    private static DomainError? Contradiction(UsagePoint point, MeterReading? sameInstant, MeterReading? before, MeterReading? after) =>
        ContradictionText(point, sameInstant, before, after) is { } text ? new("operating-hours-contradict-readings", text, ErrorKind.Unprocessable) : null;

    private static FormattableString? ContradictionText(UsagePoint point, MeterReading? sameInstant, MeterReading? before, MeterReading? after) =>
        sameInstant is not null
            ? (sameInstant.Hours == point.OperatingHours ? null
                : (FormattableString)$"The reading at {point.At:O} says {point.OperatingHours} h, but the one stored for that instant says {sameInstant.Hours} h.")
        : before is not null && before.Hours > point.OperatingHours
            ? (FormattableString)$"The reading at {point.At:O} says {point.OperatingHours} h, below the {before.Hours} h stored before it at {before.At:O}: the meter never runs backwards."
        : after is not null && after.Hours < point.OperatingHours
            ? (FormattableString)$"The reading at {point.At:O} says {point.OperatingHours} h, above the {after.Hours} h stored after it at {after.At:O}: the meter never runs backwards."
        : null;

    public static DomainError AlreadyRegistered(string code) =>
        new("vehicle-already-registered", $"Vehicle {code} is already registered.", ErrorKind.Conflict);

    public static DomainError NotFound(string code) =>
        new("vehicle-not-found", $"No vehicle has the code {code}.", ErrorKind.NotFound);

    /// <summary>"cannot-deliver-when-on-loan": the rule's name says the command and the status that forbids it.</summary>
    public static DomainError IllegalTransition(VehicleCommand command, Vehicle state) =>
        new(VehicleRules.CannotWhen(Verb(command), state.Status.Published()),
            $"Vehicle {state.Code} cannot {new Word(Verb(command).Replace('-', ' '))} while it is {state.Status}.",
            ErrorKind.Conflict);

    private static DomainError ReservedForAnotherOrder(Vehicle state, string orderId) =>
        new("reserved-for-another-order", $"Vehicle {state.Code} is reserved for order {state.ReservedFor}, not {orderId}.", ErrorKind.Conflict);

    private static string Verb(VehicleCommand command) => command switch
    {
        ReserveVehicle => "reserve",
        ReleaseReservation => "release-reservation",
        StartTransfer => "start-transfer",
        CompleteTransfer => "complete-transfer",
        LendVehicle => "lend",
        ReturnVehicle => "return",
        DeliverVehicle => "deliver",
        OpenMaintenance => "open-maintenance",
        CloseMaintenance => "close-maintenance",
        RetireVehicle => "retire",
        ReportUsage => "report-usage",
        _ => "register",
    };

    private static Decision Accept(params object[] events) => Decision.Accept(events);

    private static Decision Reject(DomainError error) => Decision.Reject(error);
}
