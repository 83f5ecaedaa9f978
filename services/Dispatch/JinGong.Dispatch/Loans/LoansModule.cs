using JasperFx.Events.Projections;
using JinGong.Contracts.Knowledge;
using JinGong.Dispatch.Loans.FollowingFleet;
using JinGong.Dispatch.Loans.Lending;
using JinGong.Dispatch.Loans.Reading;
using JinGong.Dispatch.Loans.Returning;
using JinGong.Dispatch.Loans.Trials;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using MassTransit;

namespace JinGong.Dispatch.Loans;

/// <summary>
/// Demo units lent to prospects [外借]: lent (as a trial for a working condition of the knowledge base, or not), returned
/// with the hours used, and the overdue ones listed.
/// </summary>
public static class LoansModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Loans",
        "Demo units lent to prospects [外借]: the loan, its due date, and the return with the hours worked.");

    public static readonly StreamKind<Loan, LoanView> Loans =
        new("Loan", LoanDecider.NotFound, Loan.Evolve, LoanView.From, e => ((ILoanEvent)e).OccurredAt, loan => loan.Region);

    public static void ConfigureLoans(this StoreOptions options)
    {
        options.Projections.Add(new EvolvingProjection<Loan>(typeof(ILoanEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Loan>().Duplicate(loan => loan.Region);
        options.Events.MapEventType<LoanRequested>("loan_requested_v3");
        // Requests stored before the borrower was a customer's id, or the trial one value, still read, as today's request
        // (README "Changing an event").
        options.Events.Upcast(new CustomerNamedOnly<LoanRequested>("loan_requested_v2", "Borrower", "BorrowerId"));
        options.Events.Upcast<LoanRequestedV1>();
        options.Events.MapEventType<LoanStarted>("loan_started_v1");
        options.Events.MapEventType<LoanRefused>("loan_refused_v1");
        options.Events.MapEventType<ReturnReported>("return_reported_v1");
        options.Events.MapEventType<LoanReturned>("loan_returned_v1");
        options.Schema.For<WorkingCondition>();
        options.Schema.For<WorkingConditionsCopy>();
    }

    public static void AddLoanConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<LoanAnswersConsumer>();
        // One description of a condition at a time: two read before either is stored could keep the older.
        bus.AddStreamConsumer<WorkingConditionDescribedConsumer, WorkingConditionDescribed>(described => described.ConditionId);
        bus.AddConsumer<WorkingConditionsShownConsumer>();
    }

    /// <summary>The copy of the working conditions is asked for whole at every start of the bus (<see cref="WorkingConditionsRequester"/>).</summary>
    public static IServiceCollection AddWorkingConditionsRequester(this IServiceCollection services)
    {
        services.AddBusObserver<WorkingConditionsRequester>();
        return services;
    }

    /// <summary>Loans kept before the customer registry are given their borrower's id at start (<see cref="BorrowersFromHistory"/>).</summary>
    public static IServiceCollection AddBorrowersFromHistory(this IServiceCollection services) => services.AddHostedService<BorrowersFromHistory>();

    public static RouteGroupBuilder MapLoans(this RouteGroupBuilder api)
    {
        var loans = api.MapGroup("/loans").WithTag(Tag);
        loans.MapLend();
        loans.MapReturn();
        loans.MapStreamReads("/{loanId}", Loans);
        loans.MapListLoans();
        return api;
    }
}
