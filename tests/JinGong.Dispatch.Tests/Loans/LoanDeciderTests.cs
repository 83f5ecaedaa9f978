using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Loans.Trials;
using JinGong.Domain;
using JinGong.Testing;

namespace JinGong.Dispatch.Tests.Loans;

/// <summary>A loan's rules as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class LoanDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly CatalogueVehicle InStock = new("JG-WL-0001", "WL-50E", "loader", "east", "wuxi-1", CatalogueVehicle.InStock, Now.AddDays(-90));
    private static readonly LoanRequested Requested = new("LOAN-1", "JG-WL-0001", "WL-50E", "east", "CUS-0A1B2C3D4E", "Baotou Steel", "pit 3", new DateOnly(2026, 12, 10), Now.AddDays(-5), null);

    private static DeciderSpecification<LoanCommand, Loan> Loan => DeciderSpecification.For<LoanCommand, Loan>(LoanDecider.Decide);

    private static readonly WorkingCondition Altitude = new("COND-1", "4,000 m, -30 °C", "SCN-1", "High-altitude copper mine", Now.AddDays(-30));

    private static LendVehicle Lend(CatalogueVehicle? vehicle, bool claimed = false, DateOnly? due = null, DateTimeOffset? occurredAt = null, Trial? trial = null) =>
        new("LOAN-1", vehicle, "JG-WL-0001", claimed, "CUS-0A1B2C3D4E", "Baotou Steel", "pit 3", due ?? new DateOnly(2026, 12, 10), trial, occurredAt ?? Now.AddDays(-5), Now);

    [Fact]
    public void a_vehicle_in_stock_that_no_order_claims_is_lent()
    {
        Loan.When(Lend(InStock)).Then(Requested);
    }

    [Fact]
    public void a_loan_recorded_as_a_trial_names_its_working_condition_and_the_opportunity_it_serves()
    {
        Loan.When(Lend(InStock, trial: new Trial("COND-1", Altitude, "OPP-7"))).Then(Requested with { Trial = new LoanTrial("COND-1", "OPP-7") });
        Loan.When(Lend(InStock, trial: new Trial("COND-1", Altitude, null))).Then(Requested with { Trial = new LoanTrial("COND-1", null) });
    }

    [Fact]
    public void a_trial_is_refused_for_a_working_condition_dispatch_does_not_know()
    {
        var error = Loan.When(Lend(InStock, trial: new Trial("COND-9", null, "OPP-7"))).ThenRejects("condition-not-found");

        error.Kind.Should().Be(ErrorKind.Unprocessable);
        error.Detail.Should().Contain("COND-9");
    }

    [Fact]
    public void only_a_catalogued_vehicle_in_stock_and_unclaimed_is_lent()
    {
        Loan.When(Lend(null)).ThenRejects("vehicle-not-catalogued");
        Loan.When(Lend(InStock with { Status = "OnLoan" })).ThenRejects("cannot-lend-when-on-loan");
        Loan.When(Lend(InStock, claimed: true)).ThenRejects("vehicle-claimed-by-order");
    }

    [Fact]
    public void a_loan_is_never_due_before_it_starts_on_the_china_calendar()
    {
        // 16:30 UTC on the 24th is already the 25th in China: due the 24th is before it starts, due the 25th is not.
        var lentAt = new DateTimeOffset(2026, 11, 24, 16, 30, 0, TimeSpan.Zero);
        Loan.When(Lend(InStock, due: new DateOnly(2026, 11, 24), occurredAt: lentAt)).ThenRejects("due-before-lent");
        Loan.When(Lend(InStock, due: new DateOnly(2026, 11, 25), occurredAt: lentAt)).Events.Should().ContainSingle();
    }

    [Fact]
    public void a_loan_id_is_lent_once()
    {
        Loan.Given(Requested).When(Lend(InStock)).ThenRejects("loan-already-requested");
    }

    [Fact]
    public void only_a_vehicle_out_on_loan_comes_back()
    {
        Loan.Given(Requested).When(new ReturnLentVehicle("LOAN-1", 12m, Now, Now)).ThenRejects("loan-not-out");
        Loan.Given(Requested, new LoanStarted("LOAN-1", Now.AddDays(-4)))
            .When(new ReturnLentVehicle("LOAN-1", 12m, Now, Now))
            .Then(new ReturnReported("LOAN-1", "JG-WL-0001", 12m, Now));
        Loan.When(new ReturnLentVehicle("LOAN-2", 12m, Now, Now)).ThenRejects("loan-not-found");
    }

    [Fact]
    public void a_return_reported_again_is_done_already_whatever_its_time_and_appends_nothing()
    {
        var returning = new object[] { Requested, new LoanStarted("LOAN-1", Now.AddDays(-4)), new ReturnReported("LOAN-1", "JG-WL-0001", 12m, Now.AddDays(-1)) };
        Loan.Given(returning).When(new ReturnLentVehicle("LOAN-1", 12m, Now.AddDays(-2), Now)).Then();
        Loan.Given([.. returning, new LoanReturned("LOAN-1", Now)]).When(new ReturnLentVehicle("LOAN-1", 12m, Now, Now)).Then();
    }

    [Fact]
    public void fleet_s_answers_move_the_loan_once_and_a_repeated_or_stale_one_changes_nothing()
    {
        Loan.Given(Requested).When(new FollowFleet("LOAN-1", "lent", Now, Now)).Then(new LoanStarted("LOAN-1", Now));
        Loan.Given(Requested, new LoanStarted("LOAN-1", Now.AddDays(-4))).When(new FollowFleet("LOAN-1", "lent", Now, Now)).Then();
        Loan.Given(Requested, new LoanStarted("LOAN-1", Now.AddDays(-4))).When(new FollowFleet("LOAN-1", "returned", Now, Now)).Then(new LoanReturned("LOAN-1", Now));
        Loan.Given(Requested).When(new FollowFleet("LOAN-1", "returned", Now, Now)).Then();
    }

    [Fact]
    public void a_refusal_ends_only_a_loan_still_waiting_for_fleet()
    {
        Loan.Given(Requested).When(new RecordRefusal("LOAN-1", "cannot-lend-when-reserved", "Reserved.", Now, Now))
            .Then(new LoanRefused("LOAN-1", "cannot-lend-when-reserved", "Reserved.", Now));
        Loan.Given(Requested, new LoanStarted("LOAN-1", Now.AddDays(-4))).When(new RecordRefusal("LOAN-1", "cannot-lend-when-reserved", "Reserved.", Now, Now)).Then();
    }

    [Fact]
    public void fleet_s_answers_are_recorded_at_the_time_fleet_gives_never_before_the_loan_s_last_event()
    {
        // Requested five days ago: lent the next day, refused (had it been) three days ago, as fleet recorded it.
        Loan.Given(Requested).When(new FollowFleet("LOAN-1", "lent", Now.AddDays(-4), Now)).Then(new LoanStarted("LOAN-1", Now.AddDays(-4)));
        Loan.Given(Requested).When(new RecordRefusal("LOAN-1", "cannot-lend-when-reserved", "Reserved.", Now.AddDays(-3), Now))
            .Then(new LoanRefused("LOAN-1", "cannot-lend-when-reserved", "Reserved.", Now.AddDays(-3)));
        Loan.Given(Requested).When(new FollowFleet("LOAN-1", "lent", Now.AddDays(-9), Now)).Then(new LoanStarted("LOAN-1", Now.AddDays(-5)));
    }
}
