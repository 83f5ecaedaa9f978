using JinGong.Domain.Time;
using JinGong.Orders.Figures;
using static JinGong.Orders.Figures.OpportunityStage;
using static JinGong.Orders.Tests.Figures.Make;

namespace JinGong.Orders.Tests.Figures;

/// <summary>Conversion rate [订单转化率]: won ÷ closed in a period as of a date, each checked against counts done by hand.</summary>
public sealed class ConversionRateTests
{
    private static readonly Period Q4 = Period.Quarter(2026, 4);

    private static readonly OpportunityFact[] WorkedExample =
    [
        Opportunity("east", "li", 1_000_000m, (Lead, "2026-09-01"), (Proposal, "2026-10-01"), (Won, "2026-10-20")),
        Opportunity("east", "li", 1_000_000m, (Lead, "2026-08-01"), (Lost, "2026-11-05")),
        Opportunity("east", "li", 1_000_000m, (Lead, "2026-06-01"), (Won, "2026-09-28")),
        Opportunity("north", "wang", 1_000_000m, (Lead, "2026-10-01"), (Won, "2026-11-10"), (Negotiation, "2026-12-01")),
        Opportunity("north", "wang", 1_000_000m, (Lead, "2026-10-10"), (Won, "2026-12-15")),
        Opportunity("north", "wang", 1_000_000m, (Lead, "2026-10-12"), (Lost, "2026-12-20")),
        Opportunity("north", "wang", 1_000_000m, (Lead, "2026-11-01"), (Lost, "2026-11-15")),
    ];

    private static ConversionRateRow Total(DateOnly asOf, params OpportunityFact[] opportunities) =>
        ConversionRate.Compute(opportunities, Q4, asOf, FigureGrouping.Total).Total;

    [Fact]
    public void the_worked_example_of_the_metrics_doc_gives_each_rep_its_rate()
    {
        var figure = ConversionRate.Compute(WorkedExample, Q4, Day("2026-12-31"), FigureGrouping.SalesRep);

        // li: won 10-20, lost 11-05 (the one won on 09-28 closed in Q3) → 1 / (1 + 1) = 0.5
        // wang: the one won on 11-10 was reopened on 12-01 and is open; won 12-15, lost 12-20 and 11-15 → 1 / 3 = 0.3333
        // total: 2 / (2 + 3) = 0.4
        figure.Period.Should().Be("2026-Q4");
        figure.Rows.Should().Equal(new ConversionRateRow("li", 1, 1, 0.5m), new ConversionRateRow("wang", 1, 2, 0.3333m));
        figure.Total.Should().Be(new ConversionRateRow("total", 2, 3, 0.4m));
    }

    [Fact]
    public void as_of_a_date_before_the_reopening_the_reopened_opportunity_counts_as_won()
    {
        var figure = ConversionRate.Compute(WorkedExample, Q4, Day("2026-11-30"), FigureGrouping.SalesRep);

        // li: won 10-20, lost 11-05 → 0.5; wang: won 11-10 (not reopened yet), lost 11-15; the others still open → 0.5
        figure.Rows.Should().Equal(new ConversionRateRow("li", 1, 1, 0.5m), new ConversionRateRow("wang", 1, 1, 0.5m));
        figure.Total.Should().Be(new ConversionRateRow("total", 2, 2, 0.5m));
    }

    [Fact]
    public void a_reopened_opportunity_is_open_again_until_it_closes_again()
    {
        var opportunity = Opportunity("east", "li", 1m, (Lead, "2026-10-01"), (Won, "2026-11-10"), (Negotiation, "2026-12-01"), (Lost, "2026-12-20"));

        // won as of 11-30; open as of 12-10 (nothing closed: no rate); lost as of 12-31
        Total(Day("2026-11-30"), opportunity).Should().Be(new ConversionRateRow("total", 1, 0, 1m));
        Total(Day("2026-12-10"), opportunity).Should().Be(new ConversionRateRow("total", 0, 0, null));
        Total(Day("2026-12-31"), opportunity).Should().Be(new ConversionRateRow("total", 0, 1, 0m));
    }

    [Fact]
    public void an_opportunity_closed_after_the_as_of_date_is_still_open_then()
    {
        // won on 12-15: as of 12-14 nothing in Q4 is closed
        Total(Day("2026-12-14"), Opportunity("east", "li", 1m, (Lead, "2026-10-01"), (Won, "2026-12-15")))
            .Should().Be(new ConversionRateRow("total", 0, 0, null));
    }

    [Fact]
    public void an_opportunity_closed_outside_the_period_does_not_count_in_it()
    {
        // closed 09-30 (Q3) and 2027-01-01 (next year's Q1): nothing closed in Q4
        Total(
                Day("2027-01-31"),
                Opportunity("east", "li", 1m, (Lead, "2026-09-01"), (Won, "2026-09-30")),
                Opportunity("east", "li", 1m, (Lead, "2026-12-01"), (Lost, "2027-01-01")))
            .Should().Be(new ConversionRateRow("total", 0, 0, null));
    }

    [Fact]
    public void opportunities_group_by_region()
    {
        var figure = ConversionRate.Compute(WorkedExample, Q4, Day("2026-12-31"), FigureGrouping.Region);

        // east is li's, north is wang's: the same counts as by rep
        figure.Rows.Should().Equal(new ConversionRateRow("east", 1, 1, 0.5m), new ConversionRateRow("north", 1, 2, 0.3333m));
    }

    [Fact]
    public void grouping_opportunities_by_customer_is_refused_because_they_name_none()
    {
        var act = () => ConversionRate.Compute(WorkedExample, Q4, Day("2026-12-31"), FigureGrouping.Customer);

        act.Should().Throw<ArgumentException>().WithParameterName("groupBy");
    }
}
