using JasperFx.Events.Projections;
using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Catalogue;
using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Marten.Pagination;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Fleet = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Loans;

public sealed record LoanView(
    string LoanId, string VehicleCode, string Model, string Region, string Borrower, string Site, DateOnly DueDate, LoanStatus Status,
    decimal? HoursUsed, string? RefusedFor, long Version)
{
    public static LoanView From(Loan loan, long version) =>
        new(loan.LoanId, loan.VehicleCode, loan.Model, loan.Region, loan.Borrower, loan.Site, loan.DueDate, loan.Status, loan.HoursUsed, loan.RefusedFor, version);
}

public sealed record LendVehicleRequest(string? VehicleCode, string? Borrower, string? Site, DateOnly? DueDate, DateTimeOffset? OccurredAt);

public sealed record ReturnVehicleRequest(decimal? HoursUsed, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Demo units lent to prospects [外借]: lent, returned with the hours used, and the overdue ones listed.</summary>
public static class LoansModule
{
    public const decimal MaxHoursUsed = 10_000m;

    public static readonly StreamKind<Loan, LoanView> Loans =
        new("Loan", LoanDecider.NotFound, Loan.Evolve, LoanView.From, e => ((ILoanEvent)e).OccurredAt);

    public static void ConfigureLoans(this StoreOptions options)
    {
        options.Projections.Add(new EvolvingProjection<Loan>(typeof(ILoanEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Loan>().Duplicate(loan => loan.Region);
        options.Events.MapEventType<LoanRequested>("loan_requested_v1");
        options.Events.MapEventType<LoanStarted>("loan_started_v1");
        options.Events.MapEventType<LoanRefused>("loan_refused_v1");
        options.Events.MapEventType<ReturnReported>("return_reported_v1");
        options.Events.MapEventType<LoanReturned>("loan_returned_v1");
    }

    public static void AddLoanConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<LoanAnswersConsumer>();

    public static RouteGroupBuilder MapLoans(this RouteGroupBuilder api)
    {
        var loans = api.MapGroup("/loans").WithTags("Loans");
        loans.MapPost("/", LendAsync).WithName("LendVehicle").WithSummary("Lend a vehicle in stock to a prospect until a due date")
            .RequireRoles(Roles.Dispatcher);
        loans.MapStreamCommand<ReturnVehicleRequest, Loan, LoanView>(
            "/{loanId}/return", "ReturnVehicle", Loans,
            request => new FieldErrors().Required("hoursUsed", request.HoursUsed)
                .Check("hoursUsed", request.HoursUsed is null or >= 0 and <= MaxHoursUsed, $"Hours used run from 0 to {MaxHoursUsed}."),
            (loanId, request, occurredAt, now) => loan => LoanDecider.Decide(new ReturnLentVehicle(loanId, request.HoursUsed!.Value, occurredAt, now), loan))
            .WithSummary("The lent vehicle came back, after so many hours of use")
            .RequireRoles(Roles.Dispatcher);
        loans.MapStreamReads("/{loanId}", Loans);
        loans.MapGet("/", ListAsync).WithName("ListLoans").WithSummary("Loans by region, out or overdue, a page at a time");
        return api;
    }

    private static async Task<Results<Created<LoanView>, ValidationProblem, ProblemHttpResult>> LendAsync(
        LendVehicleRequest request, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Required("vehicleCode", request.VehicleCode).Required("borrower", request.Borrower).Required("site", request.Site).Required("dueDate", request.DueDate);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var code = request.VehicleCode!.Trim();
        var (vehicle, claimed) = await Availability.LookUpAsync(session, code, cancellationToken);
        var now = clock.GetUtcNow();
        var loanId = AllocationStore.NewId("LOAN");
        var command = new LendVehicle(loanId, vehicle, code, claimed, request.Borrower!.Trim(), request.Site!.Trim(), request.DueDate!.Value, (request.OccurredAt ?? now).ToUniversalTime(), now);
        return await session.StartAsync(Loans, loanId, $"/api/dispatch/loans/{loanId}", current => LoanDecider.Decide(command, current),
            new DomainError("loan-already-requested", $"Loan {loanId} exists already.", ErrorKind.Conflict), cancellationToken);
    }

    private static async Task<Results<Ok<Page<Loan>>, ValidationProblem>> ListAsync(
        IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? region = null, bool overdue = false, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<Loan>().Where(loan => loan.Status == LoanStatus.Out || loan.Status == LoanStatus.Returning || loan.Status == LoanStatus.Requested);
        if (region is not null)
        {
            query = query.Where(loan => loan.Region == region);
        }

        if (overdue)
        {
            var today = ChinaTime.DateOf(clock.GetUtcNow());
            query = query.Where(loan => loan.Status != LoanStatus.Requested && loan.DueDate < today);
        }

        var found = await query.OrderBy(loan => loan.DueDate).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<Loan>([.. found], page, pageSize, found.TotalItemCount));
    }
}

/// <summary>Fleet lent or took back the vehicle of one of dispatch's loans.</summary>
public sealed class LoanAnswersConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<LoanAnswersConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        Cause.All.Require(message.Cause) switch
        {
            Cause.Lent or Cause.Returned when message.LoanId is { } loanId =>
                // A loan fleet made by hand is not dispatch's: not found, nothing to follow.
                session.AppendDecisionAsync<Loan>(loanId, loan => LoanDecider.Decide(new FollowFleet(loanId, message.Cause, Clock.GetUtcNow()), loan), cancellationToken),
            // Not a loan's doing: allocations, transfers and the catalogue follow the others.
            _ => Task.CompletedTask,
        };
}
