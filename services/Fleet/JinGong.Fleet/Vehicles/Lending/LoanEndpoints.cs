using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Lending;

public sealed record LendVehicleRequest(string? LoanId, string? Borrower, string? Site, DateOnly? DueDate, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record ReturnVehicleRequest(string? LoanId, decimal? HoursUsed, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A demo unit lent to a prospect [外借], and its return with the hours it worked.</summary>
public static class LoanEndpoints
{
    /// <summary>More than a year of round-the-clock work: no demo loan comes near it.</summary>
    public const decimal MaxHoursUsed = 10_000m;

    public static RouteGroupBuilder MapLoans(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<LendVehicleRequest>(
            "loans", "LendVehicle",
            request => new FieldErrors().Id("loanId", request.LoanId).Required("borrower", request.Borrower).Required("site", request.Site).Required("dueDate", request.DueDate),
            (code, request, occurredAt, now) => new LendVehicle(code, request.LoanId!.Trim(), request.Borrower!.Trim(), request.Site!.Trim(), request.DueDate!.Value, occurredAt, now))
            .WithSummary("Lend a vehicle in stock to a prospect: borrower, site and due date")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);

        vehicles.MapVehicleCommand<ReturnVehicleRequest>(
            "loans/return", "ReturnVehicle",
            request => new FieldErrors().Id("loanId", request.LoanId).Required("hoursUsed", request.HoursUsed)
                .Check("hoursUsed", request.HoursUsed is null or >= 0 and <= MaxHoursUsed, $"Hours used run from 0 to {MaxHoursUsed}."),
            (code, request, occurredAt, now) => new ReturnVehicle(code, request.LoanId!.Trim(), request.HoursUsed!.Value, occurredAt, now))
            .WithSummary("Record the return of a lent vehicle with the hours it worked")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);
        return vehicles;
    }
}
