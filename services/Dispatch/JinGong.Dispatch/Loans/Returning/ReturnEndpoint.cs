using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Dispatch.Loans.Returning;

public sealed record ReturnVehicleRequest(decimal? HoursUsed, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The lent vehicle came back, after so many hours of use: fleet is told.</summary>
public static class ReturnEndpoint
{
    public const decimal MaxHoursUsed = 10_000m;

    public static RouteGroupBuilder MapReturn(this RouteGroupBuilder loans)
    {
        loans.MapStreamCommand<ReturnVehicleRequest, Loan, LoanView>(
            "/{loanId}/return", "ReturnVehicle", LoansModule.Loans,
            request => new FieldErrors().Required("hoursUsed", request.HoursUsed)
                .Check("hoursUsed", request.HoursUsed is null or >= 0 and <= MaxHoursUsed, $"Hours used run from 0 to {MaxHoursUsed}."),
            (loanId, request, occurredAt, now) => loan => LoanDecider.Decide(new ReturnLentVehicle(loanId, request.HoursUsed!.Value, occurredAt, now), loan))
            .WithSummary("The lent vehicle came back, after so many hours of use")
            .RequireRoles(Roles.Dispatcher);
        return loans;
    }
}
