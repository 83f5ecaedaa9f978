namespace JinGong.Contracts.Dispatch;

// A demo unit's loan [外借] as dispatch tells everyone, from its own events: it opened once fleet lent the unit, and
// closed once fleet took it back. A loan recorded as a trial [试用] names the working condition of the knowledge base it
// tries the unit in and, where there is one, the opportunity it serves. Version 1.

/// <summary>Fleet lent the unit: the loan is open from <paramref name="OccurredAt"/>.</summary>
/// <param name="ConditionId">The working condition the loan is a trial for (none: a loan that tries nothing).</param>
/// <param name="OpportunityId">The opportunity the trial serves, if any.</param>
/// <param name="BorrowerId">
/// The borrower's id in orders' customer registry (since issue 29); absent from messages of earlier publishers, whose
/// borrower is the customer <see cref="Orders.CustomerIds.ForName"/> gives for <c>Borrower</c>.
/// </param>
public sealed record LoanOpened(
    string LoanId, string VehicleCode, string Model, string Region, string Borrower, string Site, DateOnly DueDate,
    string? ConditionId, string? OpportunityId, DateTimeOffset OccurredAt, string? BorrowerId = null);

/// <summary>Fleet took the unit back after <paramref name="HoursUsed"/> hours of use (read from its meter at the return).</summary>
public sealed record LoanClosed(string LoanId, string VehicleCode, decimal HoursUsed, DateTimeOffset OccurredAt);
