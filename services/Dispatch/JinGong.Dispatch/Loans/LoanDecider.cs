using JinGong.Dispatch.Catalogue;
using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.EventSourcing;
using JinGong.ServiceDefaults.Time;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;

namespace JinGong.Dispatch.Loans;

/// <summary>Lend a vehicle, as dispatch sees it (its catalogue, and whether an order has claimed the vehicle).</summary>
public sealed record LendVehicle(
    string LoanId, CatalogueVehicle? Vehicle, string VehicleCode, bool ClaimedByOrder, string Borrower, string Site, DateOnly DueDate,
    DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// The rules of a loan [外借] dispatch can check before asking fleet (which checks them again on the vehicle's
/// own stream): only a unit in stock and promised to no order is lent, and never due before it leaves.
/// </summary>
public static class LoanDecider
{
    public static Decision Lend(LendVehicle lend)
    {
        if (BusinessTime.Check(lend.OccurredAt, lend.Now, null, $"loan {lend.LoanId}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        if (Availability.Check("lend", lend.VehicleCode, lend.Vehicle, lend.ClaimedByOrder) is { } unavailable)
        {
            return Decision.Reject(unavailable);
        }

        var vehicle = lend.Vehicle!;

        if (lend.DueDate < ChinaTime.DateOf(lend.OccurredAt))
        {
            return Decision.Reject(new("due-before-lent", $"The loan is due {lend.DueDate:O}, before it starts.", ErrorKind.Unprocessable));
        }

        return Decision.Accept(new LoanRequested(lend.LoanId, vehicle.Code, vehicle.Model, vehicle.Region, lend.Borrower, lend.Site, lend.DueDate, lend.OccurredAt));
    }

    public static Decision Return(Loan state, decimal hoursUsed, DateTimeOffset occurredAt, DateTimeOffset now) =>
        BusinessTime.Check(occurredAt, now, state.LastOccurredAt, $"loan {state.LoanId}") is { } timeError ? Decision.Reject(timeError)
        : state.Status != LoanStatus.Out ? Decision.Reject(new("loan-not-out", $"Loan {state.LoanId} is {state.Status}; only a vehicle out on loan comes back.", ErrorKind.Conflict))
        : Decision.Accept(new ReturnReported(state.LoanId, state.VehicleCode, hoursUsed, occurredAt));

    /// <summary>What fleet did with the vehicle of a loan; a repeated or stale answer changes nothing.</summary>
    public static IReadOnlyList<object> Answered(Loan state, string cause, DateTimeOffset now) => (cause, state.Status) switch
    {
        (Cause.Lent, LoanStatus.Requested) => [new LoanStarted(state.LoanId, now)],
        (Cause.Returned, LoanStatus.Out or LoanStatus.Returning) => [new LoanReturned(state.LoanId, now)],
        _ => [],
    };

    public static IReadOnlyList<object> Refused(Loan state, string rule, string detail, DateTimeOffset now) =>
        state.Status == LoanStatus.Requested ? [new LoanRefused(state.LoanId, rule, detail, now)] : [];

    public static DomainError NotFound(string loanId) => new("loan-not-found", $"There is no loan {loanId}.", ErrorKind.NotFound);
}
