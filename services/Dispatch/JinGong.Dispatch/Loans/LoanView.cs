namespace JinGong.Dispatch.Loans;

/// <summary>A loan as clients read it, with the stream version it was read at.</summary>
public sealed record LoanView(
    string LoanId, string VehicleCode, string Model, string Region, string? BorrowerId, string Borrower, string Site, DateOnly DueDate, LoanStatus Status,
    decimal? HoursUsed, string? RefusedFor, string? ConditionId, string? OpportunityId, long Version)
{
    public static LoanView From(Loan loan, long version) =>
        new(loan.LoanId, loan.VehicleCode, loan.Model, loan.Region, loan.BorrowerId, loan.Borrower, loan.Site, loan.DueDate, loan.Status, loan.HoursUsed, loan.RefusedFor,
            loan.ConditionId, loan.OpportunityId, version);
}

/// <summary>A loan as lists and the board show it: its own shape, so the answer stays when the aggregate changes.</summary>
public sealed record LoanSummary(
    string LoanId, string VehicleCode, string Model, string Region, string? BorrowerId, string Borrower, string Site, DateOnly DueDate, LoanStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset LastOccurredAt, decimal? HoursUsed, string? RefusedFor, string? ConditionId, string? OpportunityId)
{
    public static LoanSummary From(Loan loan) =>
        new(loan.LoanId, loan.VehicleCode, loan.Model, loan.Region, loan.BorrowerId, loan.Borrower, loan.Site, loan.DueDate, loan.Status,
            loan.RequestedAt, loan.LastOccurredAt, loan.HoursUsed, loan.RefusedFor, loan.ConditionId, loan.OpportunityId);
}
