using JinGong.Domain.Time;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Loans.Reading;

public static class ListLoansEndpoint
{
    public static RouteGroupBuilder MapListLoans(this RouteGroupBuilder loans)
    {
        loans.MapGet("/", ListAsync).WithName("ListLoans").WithSummary("Loans by region or borrower, out or overdue, a page at a time");
        return loans;
    }

    private static async Task<Results<Ok<Page<LoanSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? region = null, string? borrowerId = null, bool overdue = false, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        // A rep or regional manager lists their own region's loans, whatever they ask for.
        var open = session.Query<Loan>().Where(loan => loan.Status == LoanStatus.Out || loan.Status == LoanStatus.Returning || loan.Status == LoanStatus.Requested);
        if (!http.TryNarrow(region, open, loan => loan.Region, out var query))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        if (FieldErrors.Trimmed(borrowerId) is { } borrower)
        {
            query = query.Where(loan => loan.BorrowerId == borrower);
        }

        if (overdue)
        {
            var today = ChinaTime.DateOf(clock.GetUtcNow());
            query = query.Where(loan => loan.Status != LoanStatus.Requested && loan.DueDate < today);
        }

        var found = await query.OrderBy(loan => loan.DueDate).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<LoanSummary>([.. found.Select(LoanSummary.From)], page, pageSize, found.TotalItemCount));
    }
}
