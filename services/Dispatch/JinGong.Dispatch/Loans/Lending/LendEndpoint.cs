using JinGong.Contracts.Orders;
using JinGong.Dispatch.Loans.Trials;
using JinGong.Dispatch.Movements;
using JinGong.Http;
using JinGong.Http.Languages;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Loans.Lending;

/// <param name="ConditionId">The working condition of the knowledge base the loan is a trial [试用] for, if it is one.</param>
/// <param name="OpportunityId">The opportunity the trial serves, if any (only with a condition).</param>
/// <param name="BorrowerId">
/// The borrower's id in orders' customer registry, beside its name in <paramref name="Borrower"/>; without it, the
/// borrower is the customer that name gives (<see cref="CustomerIds.ForName"/>), registered or to be.
/// </param>
public sealed record LendVehicleRequest(
    string? VehicleCode, string? Borrower, string? Site, DateOnly? DueDate, DateTimeOffset? OccurredAt, string? ConditionId = null, string? OpportunityId = null,
    string? BorrowerId = null);

/// <summary>A demo unit in stock lent to a prospect [外借] until a due date, as a trial or not: fleet is asked to lend it.</summary>
public static class LendEndpoint
{
    public static RouteGroupBuilder MapLend(this RouteGroupBuilder loans)
    {
        loans.MapPost("/", LendAsync).WithName("LendVehicle").WithSummary("Lend a vehicle in stock to a prospect until a due date")
            .RequireRoles(Roles.Dispatcher);
        return loans;
    }

    private static async Task<Results<Created<LoanView>, ValidationProblem, ProblemHttpResult>> LendAsync(
        LendVehicleRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (conditionId, opportunityId, borrowerId) =
            (FieldErrors.Trimmed(request.ConditionId), FieldErrors.Trimmed(request.OpportunityId), FieldErrors.Trimmed(request.BorrowerId));
        var errors = new FieldErrors()
            .Required("vehicleCode", request.VehicleCode).Required("borrower", request.Borrower).Required("site", request.Site).Required("dueDate", request.DueDate)
            .OptionalId("conditionId", conditionId).OptionalId("opportunityId", opportunityId)
            .Check("borrowerId", borrowerId is null || CustomerIds.IsCustomer(borrowerId), $"A borrower is a customer of the registry: {CustomerIds.Prefix} and 10 characters 0-9 or A-F.")
            .Check("opportunityId", opportunityId is null || conditionId is not null, $"A loan serves an opportunity only as a trial: name the {Texts.Field("conditionId")} too.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var trial = conditionId is null ? null
            : new Trial(conditionId, await session.LoadAsync<WorkingCondition>(conditionId, cancellationToken), opportunityId);
        return await session.StartMovementAsync(
            LoansModule.Loans, "LOAN", "loans", request.VehicleCode!, request.OccurredAt, http, clock,
            vehicle => new LendVehicle(
                vehicle.Id, vehicle.Vehicle, vehicle.Code, vehicle.ClaimedByOrder, borrowerId ?? CustomerIds.ForName(request.Borrower!), request.Borrower!.Trim(), request.Site!.Trim(), request.DueDate!.Value, trial,
                vehicle.OccurredAt, vehicle.Now),
            LoanDecider.Decide, cancellationToken);
    }
}
