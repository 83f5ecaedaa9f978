using JinGong.Orders.Customers;
using JinGong.Orders.Figures;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Tests.Catalogue;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Opportunities;

/// <summary>An opportunity's rules as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class OpportunityDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static readonly OpportunityFiled Filed = new(
        "OPP-1", "CUS-BAOTOU0001", "Baotou Steel", "north", "li.wei", [new OpportunityLine("MT-90E", 2)], 3_000_000m, new DateOnly(2026, 12, 31), Now.AddDays(-30));

    private static readonly OpportunityStageChanged MovedToQualified = new("OPP-1", OpportunityStage.Lead, OpportunityStage.Qualified, Now.AddDays(-20));

    private static DeciderSpecification<OpportunityCommand, Opportunity> NoOpportunity =>
        DeciderSpecification.For<OpportunityCommand, Opportunity>(OpportunityDecider.Decide);

    private static DeciderSpecification<OpportunityCommand, Opportunity> Qualified => NoOpportunity.Given(Filed, MovedToQualified);

    private static DeciderSpecification<OpportunityCommand, Opportunity> WonFromQualified => Qualified.Given(new OpportunityWon("OPP-1", Now.AddDays(-10)));

    private static DeciderSpecification<OpportunityCommand, Opportunity> LostFromQualified =>
        Qualified.Given(new OpportunityLost("OPP-1", "went with a rival", Now.AddDays(-10)));

    private static DeciderSpecification<OpportunityCommand, Opportunity> Ordered => WonFromQualified.Given(new OpportunityOrdered("OPP-1", "ORD-1", Now.AddDays(-5)));

    private static FileOpportunity File(DateTimeOffset occurredAt, string model = "MT-90E") =>
        new("OPP-1", new CustomerOfRecord("CUS-BAOTOU0001", "Baotou Steel"), "north", "li.wei", [new OpportunityLine(model, 2)], CatalogueRecords.Sold, 3_000_000m, new DateOnly(2026, 12, 31), occurredAt, Now);

    private static OrderOpportunity Order(string? customer = "Baotou Steel", string? region = "north", string? salesRep = "li.wei", DateTimeOffset? occurredAt = null) =>
        new("OPP-1", "ORD-2", customer, region, salesRep, occurredAt ?? Now, Now);

    [Fact]
    public void an_opportunity_is_filed_once_as_a_lead_and_never_in_the_future()
    {
        NoOpportunity.When(File(Now.AddDays(-30))).Then(Filed);
        NoOpportunity.Given(Filed).State!.Stage.Should().Be(OpportunityStage.Lead);
        NoOpportunity.When(File(Now)).Events.Should().ContainSingle();
        NoOpportunity.When(File(Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        NoOpportunity.Given(Filed).When(File(Now)).ThenRejects("opportunity-already-filed");
    }

    [Fact]
    public void an_opportunity_is_filed_for_models_the_catalogue_lists_only()
    {
        NoOpportunity.When(File(Now, model: "EX-12E")).ThenRejects("model-withdrawn");
        NoOpportunity.When(File(Now, model: "TANK-1")).ThenRejects("model-not-in-catalogue");
    }

    [Fact]
    public void only_a_filed_opportunity_takes_commands_and_an_order_from_an_unknown_one_is_unprocessable()
    {
        NoOpportunity.When(new MoveOpportunity("OPP-1", OpportunityStage.Qualified, Now, Now)).ThenRejects("opportunity-not-found");
        NoOpportunity.When(new WinOpportunity("OPP-1", Now, Now)).ThenRejects("opportunity-not-found");
        NoOpportunity.When(new LoseOpportunity("OPP-1", "no budget", Now, Now)).ThenRejects("opportunity-not-found");
        NoOpportunity.When(new ReopenOpportunity("OPP-1", "budget found", Now, Now)).ThenRejects("opportunity-not-found");
        NoOpportunity.When(Order()).ThenRejects("unknown-opportunity");
    }

    [Fact]
    public void an_open_opportunity_moves_to_any_other_stage_but_not_to_the_one_it_is_at()
    {
        Qualified.When(new MoveOpportunity("OPP-1", OpportunityStage.Proposal, Now, Now))
            .Then(new OpportunityStageChanged("OPP-1", OpportunityStage.Qualified, OpportunityStage.Proposal, Now));
        Qualified.When(new MoveOpportunity("OPP-1", OpportunityStage.Lead, Now, Now))
            .Then(new OpportunityStageChanged("OPP-1", OpportunityStage.Qualified, OpportunityStage.Lead, Now));
        Qualified.When(new MoveOpportunity("OPP-1", OpportunityStage.Qualified, Now, Now)).ThenRejects("opportunity-already-at-stage");
        // Won and lost are closes, with their own commands (and their events): a move there would skip them.
        Qualified.When(new MoveOpportunity("OPP-1", OpportunityStage.Won, Now, Now)).ThenRejects("stage-is-a-close");
        Qualified.When(new MoveOpportunity("OPP-1", OpportunityStage.Lost, Now, Now)).ThenRejects("stage-is-a-close");
    }

    [Fact]
    public void an_open_opportunity_is_won_or_lost_with_its_reason()
    {
        Qualified.When(new WinOpportunity("OPP-1", Now, Now)).Then(new OpportunityWon("OPP-1", Now));
        Qualified.When(new LoseOpportunity("OPP-1", "no budget", Now, Now)).Then(new OpportunityLost("OPP-1", "no budget", Now));
    }

    [Fact]
    public void a_closed_opportunity_moves_no_more_until_it_is_reopened()
    {
        foreach (var closed in new[] { WonFromQualified, LostFromQualified })
        {
            closed.When(new MoveOpportunity("OPP-1", OpportunityStage.Proposal, Now, Now)).ThenRejects("opportunity-closed");
            closed.When(new WinOpportunity("OPP-1", Now, Now)).ThenRejects("opportunity-closed");
            closed.When(new LoseOpportunity("OPP-1", "no budget", Now, Now)).ThenRejects("opportunity-closed");
        }
    }

    [Fact]
    public void a_closed_opportunity_reopens_with_its_reason_at_the_stage_it_was_closed_from()
    {
        LostFromQualified.When(new ReopenOpportunity("OPP-1", "budget found", Now, Now))
            .Then(new OpportunityReopened("OPP-1", "budget found", OpportunityStage.Qualified, Now));
        WonFromQualified.When(new ReopenOpportunity("OPP-1", "contract fell through", Now, Now))
            .Then(new OpportunityReopened("OPP-1", "contract fell through", OpportunityStage.Qualified, Now));
        NoOpportunity.Given(Filed, new OpportunityLost("OPP-1", "no budget", Now.AddDays(-1))).When(new ReopenOpportunity("OPP-1", "budget found", Now, Now))
            .Then(new OpportunityReopened("OPP-1", "budget found", OpportunityStage.Lead, Now));
    }

    [Fact]
    public void only_a_closed_opportunity_is_reopened()
    {
        Qualified.When(new ReopenOpportunity("OPP-1", "budget found", Now, Now)).ThenRejects("opportunity-not-closed");
        LostFromQualified.Given(new OpportunityReopened("OPP-1", "budget found", OpportunityStage.Qualified, Now.AddDays(-1)))
            .When(new ReopenOpportunity("OPP-1", "again", Now, Now)).ThenRejects("opportunity-not-closed");
    }

    [Fact]
    public void a_won_opportunity_leads_to_one_order()
    {
        WonFromQualified.When(Order()).Then(new OpportunityOrdered("OPP-1", "ORD-2", Now));
        Qualified.When(Order()).ThenRejects("opportunity-not-won");
        LostFromQualified.When(Order()).ThenRejects("opportunity-not-won");
        Ordered.When(Order()).ThenRejects("opportunity-already-ordered");
    }

    [Fact]
    public void an_order_may_leave_out_the_opportunity_s_customer_region_and_sales_rep_but_never_contradict_them()
    {
        WonFromQualified.When(Order(customer: null, region: null, salesRep: null)).Then(new OpportunityOrdered("OPP-1", "ORD-2", Now));
        WonFromQualified.When(Order(customer: "Shenhua Coal")).ThenRejects("order-differs-from-opportunity");
        WonFromQualified.When(Order(region: "east")).ThenRejects("order-differs-from-opportunity");
        WonFromQualified.When(Order(salesRep: "wang.fang")).ThenRejects("order-differs-from-opportunity");
    }

    [Fact]
    public void what_happens_to_an_opportunity_is_dated_between_its_last_event_and_now()
    {
        Qualified.When(new WinOpportunity("OPP-1", Now.AddMinutes(1), Now)).ThenRejects("occurred-in-future");
        Qualified.When(new WinOpportunity("OPP-1", MovedToQualified.OccurredAt.AddTicks(-1), Now)).ThenRejects("occurred-before-previous-event");
        Qualified.When(new WinOpportunity("OPP-1", MovedToQualified.OccurredAt, Now)).Then(new OpportunityWon("OPP-1", MovedToQualified.OccurredAt));
        LostFromQualified.When(new ReopenOpportunity("OPP-1", "budget found", Now.AddDays(-11), Now)).ThenRejects("occurred-before-previous-event");
        WonFromQualified.When(Order(occurredAt: Now.AddDays(-11))).ThenRejects("occurred-before-previous-event");
        WonFromQualified.When(Order(occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future");
    }
}
