using JinGong.Dispatch.Movements;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Loans.Lending;

public sealed record LendVehicleRequest(string? VehicleCode, string? Borrower, string? Site, DateOnly? DueDate, DateTimeOffset? OccurredAt);

/// <summary>A demo unit in stock lent to a prospect [外借] until a due date: fleet is asked to lend it.</summary>
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
        var errors = new FieldErrors()
            .Required("vehicleCode", request.VehicleCode).Required("borrower", request.Borrower).Required("site", request.Site).Required("dueDate", request.DueDate);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        return await session.StartMovementAsync(
            LoansModule.Loans, "LOAN", "loans", request.VehicleCode!, request.OccurredAt, http, clock,
            vehicle => new LendVehicle(
                vehicle.Id, vehicle.Vehicle, vehicle.Code, vehicle.ClaimedByOrder, request.Borrower!.Trim(), request.Site!.Trim(), request.DueDate!.Value, vehicle.OccurredAt, vehicle.Now),
            LoanDecider.Decide, cancellationToken);
    }
}
