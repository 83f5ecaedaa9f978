using JinGong.Orders.Figures;
using static JinGong.Orders.Figures.OpportunityStage;
using static JinGong.Orders.Tests.Figures.Make;

namespace JinGong.Orders.Tests.Figures;

/// <summary>The pipeline by stage as of a date, checked against counts and sums done by hand.</summary>
public sealed class PipelineTests
{
    private static readonly OpportunityFact[] WorkedExample =
    [
        Opportunity("east", "li", 1_200_000m, (Lead, "2026-11-01")),
        Opportunity("east", "wang", 3_500_000m, (Lead, "2026-10-01"), (Qualified, "2026-10-15"), (Proposal, "2026-11-20")),
        Opportunity("north", "li", 2_000_000m, (Lead, "2026-10-01"), (Proposal, "2026-11-01"), (Negotiation, "2026-12-05")),
        Opportunity("north", "li", 4_000_000m, (Lead, "2026-09-01"), (Won, "2026-11-10")),
        Opportunity("east", "li", 900_000m, (Lead, "2026-12-01")),
    ];

    private static void ShouldList(
        PipelineFigure figure,
        (int Count, decimal Amount) lead,
        (int Count, decimal Amount) qualified,
        (int Count, decimal Amount) proposal,
        (int Count, decimal Amount) negotiation) =>
        figure.Stages.Should().Equal(
            new PipelineStageRow(Lead, lead.Count, lead.Amount),
            new PipelineStageRow(Qualified, qualified.Count, qualified.Amount),
            new PipelineStageRow(Proposal, proposal.Count, proposal.Amount),
            new PipelineStageRow(Negotiation, negotiation.Count, negotiation.Amount));

    [Fact]
    public void the_worked_example_of_the_metrics_doc_lists_every_open_stage_even_empty_ones()
    {
        var figure = Pipeline.Compute(WorkedExample, November30);

        // Lead: 1,200,000; Proposal: 3,500,000 + 2,000,000 (negotiation starts only on 12-05) = 5,500,000;
        // the won one is closed, the one filed on 12-01 did not exist yet; Qualified and Negotiation are empty
        ShouldList(figure, lead: (1, 1_200_000m), qualified: (0, 0m), proposal: (2, 5_500_000m), negotiation: (0, 0m));
        (figure.Count, figure.ExpectedAmount).Should().Be((3, 6_700_000m));
    }

    [Fact]
    public void the_pipeline_filters_by_region_and_sales_rep()
    {
        // north and li: the negotiation one is in Proposal on 11-30, the won one is closed
        var figure = Pipeline.Compute(WorkedExample, November30, region: "north", salesRep: "li");

        figure.Region.Should().Be("north");
        figure.SalesRep.Should().Be("li");
        figure.Stages.Select(stage => stage.Count).Should().Equal(0, 0, 1, 0);
        figure.ExpectedAmount.Should().Be(2_000_000m);
        Pipeline.Compute(WorkedExample, November30, region: "", salesRep: "wang").Count.Should().Be(1);
    }

    [Fact]
    public void an_empty_pipeline_still_lists_every_open_stage_with_zero()
    {
        var figure = Pipeline.Compute([], November30);

        ShouldList(figure, lead: (0, 0m), qualified: (0, 0m), proposal: (0, 0m), negotiation: (0, 0m));
        (figure.Count, figure.ExpectedAmount).Should().Be((0, 0m));
    }

    [Fact]
    public void a_reopened_opportunity_is_back_in_the_pipeline_from_the_day_it_reopens()
    {
        OpportunityFact[] reopened = [Opportunity("east", "li", 800_000m, (Lead, "2026-10-01"), (Lost, "2026-11-10"), (Qualified, "2026-12-01"))];

        Pipeline.Compute(reopened, November30).Count.Should().Be(0);
        Pipeline.Compute(reopened, Day("2026-12-01")).Stages.Should().Contain(new PipelineStageRow(Qualified, 1, 800_000m));
    }
}
