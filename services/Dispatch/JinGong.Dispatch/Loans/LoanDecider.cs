using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Loans.Trials;
using JinGong.Dispatch.Movements;
using JinGong.Domain;
using JinGong.Domain.Time;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;

namespace JinGong.Dispatch.Loans;

/// <summary>What someone, or fleet's answer, asks of a loan, with its business time and the clock's reading.</summary>
public abstract record LoanCommand(string LoanId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// Lend a vehicle, as dispatch sees it (its catalogue, and whether an order has claimed the vehicle), as a
/// <paramref name="Trial"/> or not, to a customer of orders' registry (<paramref name="BorrowerId"/>, named
/// <paramref name="Borrower"/>).
/// </summary>
public sealed record LendVehicle(
    string LoanId, CatalogueVehicle? Vehicle, string VehicleCode, bool ClaimedByOrder, string BorrowerId, string Borrower, string Site, DateOnly DueDate, Trial? Trial,
    DateTimeOffset OccurredAt, DateTimeOffset Now) : LoanCommand(LoanId, OccurredAt, Now);

/// <summary>
/// The working condition a loan is to be a trial [试用] for, as dispatch's copy of the knowledge base has it
/// (<paramref name="Condition"/> null: not one it knows), and the opportunity the trial serves, if any.
/// </summary>
public sealed record Trial(string ConditionId, WorkingCondition? Condition, string? OpportunityId);

/// <summary>The lent vehicle came back after <paramref name="HoursUsed"/> hours of use.</summary>
public sealed record ReturnLentVehicle(string LoanId, decimal HoursUsed, DateTimeOffset OccurredAt, DateTimeOffset Now) : LoanCommand(LoanId, OccurredAt, Now);

/// <summary>Fleet says what it did with the loan's vehicle (<paramref name="Cause"/>: lent, returned) and when.</summary>
public sealed record FollowFleet(string LoanId, string Cause, DateTimeOffset OccurredAt, DateTimeOffset Now) : LoanCommand(LoanId, OccurredAt, Now);

/// <summary>Fleet refused to lend the vehicle, by <paramref name="Rule"/>.</summary>
public sealed record RecordRefusal(string LoanId, string Rule, string Detail, DateTimeOffset OccurredAt, DateTimeOffset Now) : LoanCommand(LoanId, OccurredAt, Now);

/// <summary>
/// The rules of a loan [外借] dispatch can check before asking fleet (which checks them again on the vehicle's
/// own stream): only a unit in stock and promised to no order is lent, never due before it leaves, and as a trial only for
/// a working condition the knowledge base has described.
/// </summary>
public static class LoanDecider
{
    /// <summary>Fleet lends the vehicle of a loan still requested, and takes it back from one out (or being returned).</summary>
    private static readonly MovementLifecycle<LoanStatus> WithFleet = new(Cause.Lent, Cause.Returned, LoanStatus.Requested, [LoanStatus.Out, LoanStatus.Returning]);

    public static Decision Decide(LoanCommand command, Loan? state) => (command, state) switch
    {
        (LendVehicle lend, null) => Lend(lend),
        (LendVehicle lend, _) => Decision.Reject(AlreadyRequested(lend.LoanId)),
        (_, null) => Decision.Reject(NotFound(command.LoanId)),
        (ReturnLentVehicle returned, _) => Return(state, returned),
        (FollowFleet answer, _) => WithFleet.Answered(
            state.Status, answer.Cause, new LoanStarted(state.LoanId, Learnt(answer, state)), new LoanReturned(state.LoanId, Learnt(answer, state))),
        (RecordRefusal refusal, _) => WithFleet.Refused(state.Status, new LoanRefused(state.LoanId, refusal.Rule, refusal.Detail, Learnt(refusal, state))),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a loan."),
    };

    private static Decision Lend(LendVehicle lend)
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

        if (lend.Trial is { Condition: null } unknown)
        {
            return Decision.Reject(new(
                "condition-not-found", $"Dispatch knows no working condition {unknown.ConditionId} of the knowledge base to record a trial for.", ErrorKind.Unprocessable));
        }

        return Decision.Accept(new LoanRequested(
            lend.LoanId, vehicle.Code, vehicle.Model, vehicle.Region, lend.BorrowerId, lend.Borrower, lend.Site, lend.DueDate, lend.OccurredAt,
            lend.Trial is { } trial ? new LoanTrial(trial.ConditionId, trial.OpportunityId) : null));
    }

    // A return reported again (a client that lost the answer) is done already: answered as it stands, nothing appended.
    private static Decision Return(Loan state, ReturnLentVehicle returned) =>
        state.Status is LoanStatus.Returning or LoanStatus.Returned ? Decision.Accept()
        : BusinessTime.Check(returned.OccurredAt, returned.Now, state.LastOccurredAt, $"loan {state.LoanId}") is { } timeError ? Decision.Reject(timeError)
        : state.Status != LoanStatus.Out ? Decision.Reject(new("loan-not-out", $"Loan {state.LoanId} is {state.Status}; only a vehicle out on loan comes back.", ErrorKind.Conflict))
        : Decision.Accept(new ReturnReported(state.LoanId, state.VehicleCode, returned.HoursUsed, returned.OccurredAt));

    /// <summary>When fleet's answer is recorded on the loan: at the time fleet gives it, never before the loan's last event nor beyond now.</summary>
    private static DateTimeOffset Learnt(LoanCommand answer, Loan state) => BusinessTime.Clamp(answer.OccurredAt, state.LastOccurredAt, answer.Now);

    public static DomainError NotFound(string loanId) => new("loan-not-found", $"There is no loan {loanId}.", ErrorKind.NotFound);

    public static DomainError AlreadyRequested(string loanId) => new("loan-already-requested", $"Loan {loanId} exists already.", ErrorKind.Conflict);
}
