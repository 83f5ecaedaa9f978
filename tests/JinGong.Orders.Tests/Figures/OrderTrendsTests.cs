using System.Globalization;
using JinGong.Domain.Time;
using JinGong.Orders.Figures;
using static JinGong.Orders.Tests.Figures.Make;

namespace JinGong.Orders.Tests.Figures;

/// <summary>Order trends: units and amounts per China calendar month, model and region, checked against sums done by hand.</summary>
public sealed class OrderTrendsTests
{
    private static readonly Period October = Period.Month(2026, 10);

    // 23:30 and 00:10 in Beijing on either side of 1 November: UTC still says 31 October for both
    private static readonly DateOnly LateOnOctober31 = ChinaTime.DateOf(DateTimeOffset.Parse("2026-10-31T15:30:00Z", CultureInfo.InvariantCulture));
    private static readonly DateOnly EarlyOnNovember1 = ChinaTime.DateOf(DateTimeOffset.Parse("2026-10-31T16:10:00Z", CultureInfo.InvariantCulture));

    private static readonly OrderFact[] WorkedExample =
    [
        Order(LateOnOctober31, "east", null, new OrderLineFact("EL-50", 2, 1_850_000m)),
        Order(EarlyOnNovember1, "east", null, new OrderLineFact("EL-50", 1, 1_850_000m), new OrderLineFact("MT-90", 1, 4_200_000m)),
        Order(Day("2026-11-12"), "north", "2026-11-30", new OrderLineFact("EX-35", 3, 980_000m)),
        Order(Day("2026-11-20"), "east", null, new OrderLineFact("EL-50", 1, 1_800_000m)),
    ];

    [Fact]
    public void the_worked_example_of_the_metrics_doc_sums_units_and_amounts_per_month_model_and_region()
    {
        var figure = OrderTrends.Compute(WorkedExample, October, November, November30);

        // October: the order of 23:30 on 10-31: 2 × 1,850,000 = 3,700,000
        // November EL-50 east: 1 × 1,850,000 (00:10 on 11-01) + 1 × 1,800,000 = 3,650,000 for 2 units
        // November MT-90 east: 1 × 4,200,000; the EX-35 order is cancelled on 11-30, the as-of date, so it is out
        figure.From.Should().Be("2026-10");
        figure.To.Should().Be("2026-11");
        figure.Rows.Should().Equal(
            new OrderTrendRow("2026-10", "EL-50", "east", 2, 3_700_000.00m),
            new OrderTrendRow("2026-11", "EL-50", "east", 2, 3_650_000.00m),
            new OrderTrendRow("2026-11", "MT-90", "east", 1, 4_200_000.00m));
    }

    [Fact]
    public void a_month_starts_at_midnight_in_china_not_in_utc()
    {
        var novemberStarts = ChinaTime.StartOf(November.First);
        OrderFact[] orders =
        [
            Order(ChinaTime.DateOf(novemberStarts.AddSeconds(-1)), "east", null, new OrderLineFact("EL-50", 1, 1_000m)),
            Order(ChinaTime.DateOf(novemberStarts), "east", null, new OrderLineFact("EL-50", 1, 1_000m)),
        ];

        var figure = OrderTrends.Compute(orders, October, November, November30);

        // 16:00 UTC on 10-31 is 00:00 on 11-01 in China: one order each side of the boundary
        novemberStarts.Should().Be(DateTimeOffset.Parse("2026-10-31T16:00:00Z", CultureInfo.InvariantCulture));
        figure.Rows.Select(row => (row.Month, row.Units)).Should().Equal(("2026-10", 1), ("2026-11", 1));
    }

    [Fact]
    public void a_cancelled_order_counts_until_the_day_before_its_cancellation_and_no_more_from_that_day()
    {
        // as of 11-29 the EX-35 order (cancelled 11-30) still counts: 3 × 980,000 = 2,940,000
        OrderTrends.Compute(WorkedExample, October, November, Day("2026-11-29")).Rows
            .Should().Contain(new OrderTrendRow("2026-11", "EX-35", "north", 3, 2_940_000.00m));
        OrderTrends.Compute(WorkedExample, October, November, November30).Rows
            .Should().NotContain(row => row.Model == "EX-35");
    }

    [Fact]
    public void orders_placed_after_the_as_of_date_or_outside_the_months_are_left_out()
    {
        // as of 11-19: the 11-20 order is not placed yet; from November only: October's order is out
        // November EL-50 east: 1 × 1,850,000 only
        var rows = OrderTrends.Compute(WorkedExample, November, November, Day("2026-11-19")).Rows;

        rows.Should().Contain(new OrderTrendRow("2026-11", "EL-50", "east", 1, 1_850_000.00m));
        rows.Should().NotContain(row => row.Month == "2026-10");
    }

    [Fact]
    public void the_amount_is_rounded_to_two_decimals_with_halves_away_from_zero()
    {
        // 3 × 0.335 = 1.005 → 1.01
        OrderFact[] orders = [Order(Day("2026-11-02"), "east", null, new OrderLineFact("spare", 3, 0.335m))];

        OrderTrends.Compute(orders, November, November, November30).Rows.Single().Amount.Should().Be(1.01m);
    }

    [Fact]
    public void a_range_that_ends_before_it_starts_is_refused()
    {
        var act = () => OrderTrends.Compute(WorkedExample, November, October, November30);

        act.Should().Throw<ArgumentException>().WithParameterName("to");
    }
}
