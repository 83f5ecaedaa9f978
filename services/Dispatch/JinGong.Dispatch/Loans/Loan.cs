using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.EventSourcing;

namespace JinGong.Dispatch.Loans;

public enum LoanStatus
{
    /// <summary>Fleet was asked to lend the vehicle; no answer yet.</summary>
    Requested,

    /// <summary>The vehicle is out with the borrower.</summary>
    Out,

    /// <summary>Its return was reported to fleet; no answer yet.</summary>
    Returning,

    Returned,

    /// <summary>Fleet refused (e.g. the unit was reserved meanwhile).</summary>
    Refused,
}

/// <summary>An event of a loan [外借]: a demo unit lent to a prospect.</summary>
public interface ILoanEvent
{
    string LoanId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// What a loan is a trial [试用] for: a working condition of the knowledge base and, only with it, the opportunity the trial
/// serves, if any.
/// </summary>
public sealed record LoanTrial(string ConditionId, string? OpportunityId);

/// <summary>
/// A loan asked of fleet. Version 3 (<c>loan_requested_v3</c>): the borrower is a customer of orders' registry, by
/// <paramref name="BorrowerId"/>, and <paramref name="Borrower"/> its name when it was lent. Version 2 had the name alone,
/// and is read with the id the name gives (<see cref="CustomerNamedOnly{T}"/>). Version 1 also carried the trial as two
/// loose fields, where version 2 made <paramref name="Trial"/> one value (none: a loan that tries nothing), so an
/// opportunity comes only with a condition; stored v1 requests are read as this one by <see cref="LoanRequestedV1"/>.
/// </summary>
public sealed record LoanRequested(
    string LoanId, string VehicleCode, string Model, string Region, string BorrowerId, string Borrower, string Site, DateOnly DueDate,
    DateTimeOffset OccurredAt, LoanTrial? Trial) : ILoanEvent;

public sealed record LoanStarted(string LoanId, DateTimeOffset OccurredAt) : ILoanEvent;

public sealed record LoanRefused(string LoanId, string Rule, string Detail, DateTimeOffset OccurredAt) : ILoanEvent;

public sealed record ReturnReported(string LoanId, string VehicleCode, decimal HoursUsed, DateTimeOffset OccurredAt) : ILoanEvent;

public sealed record LoanReturned(string LoanId, DateTimeOffset OccurredAt) : ILoanEvent;

/// <summary>A loan as dispatch follows it: asked for, out, back. Immutable: each event gives a new state.</summary>
public sealed record Loan(
    [property: Identity] string LoanId,
    string VehicleCode,
    string Model,
    string Region,
    string Borrower,
    string Site,
    DateOnly DueDate,
    LoanStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Loan>
{
    public decimal? HoursUsed { get; init; }

    public string? RefusedFor { get; init; }

    /// <summary>
    /// The borrower's id in orders' customer registry (on every loan: those kept before it were given the id their
    /// borrower's name gives, at start, by <see cref="Lending.BorrowersFromHistory"/>).
    /// </summary>
    public string? BorrowerId { get; init; }

    // The trial stays two fields here: this record is also the loans' stored read model, and a document changing shape
    // would read wrong until every one is rebuilt. Only the request sets them, from one LoanTrial.

    /// <summary>The working condition the loan is a trial for, if it is one.</summary>
    public string? ConditionId { get; init; }

    /// <summary>The opportunity the trial serves, if any.</summary>
    public string? OpportunityId { get; init; }

    /// <summary>Out with the borrower past its due date (China calendar).</summary>
    public bool IsOverdueOn(DateOnly today) => Status is LoanStatus.Out or LoanStatus.Returning && DueDate < today;

    /// <summary>The state after one more event (from nothing for the request).</summary>
    [JasperFxIgnore]
    public static Loan? Evolve(Loan? state, object @event) => (state, @event) switch
    {
        (_, LoanRequested requested) =>
            new(requested.LoanId, requested.VehicleCode, requested.Model, requested.Region, requested.Borrower, requested.Site, requested.DueDate,
                LoanStatus.Requested, requested.OccurredAt, requested.OccurredAt)
            { BorrowerId = requested.BorrowerId, ConditionId = requested.Trial?.ConditionId, OpportunityId = requested.Trial?.OpportunityId },
        (null, ILoanEvent) => null,
        (_, LoanStarted e) => state with { Status = LoanStatus.Out, LastOccurredAt = e.OccurredAt },
        (_, LoanRefused e) => state with { Status = LoanStatus.Refused, RefusedFor = e.Rule, LastOccurredAt = e.OccurredAt },
        (_, ReturnReported e) => state with { Status = LoanStatus.Returning, HoursUsed = e.HoursUsed, LastOccurredAt = e.OccurredAt },
        (_, LoanReturned e) => state with { Status = LoanStatus.Returned, LastOccurredAt = e.OccurredAt },
        _ => throw new UnknownEventException(typeof(Loan), @event),
    };
}
