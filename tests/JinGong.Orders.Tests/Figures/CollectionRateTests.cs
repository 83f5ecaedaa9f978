using JinGong.Orders.Figures;
using static JinGong.Orders.Tests.Figures.Make;

namespace JinGong.Orders.Tests.Figures;

/// <summary>Collection rate [回款率]: payments received ÷ amounts invoiced and due, each checked against arithmetic done by hand.</summary>
public sealed class CollectionRateTests
{

    private static CollectionRateRow Total(DateOnly asOf, params InvoiceFact[] invoices) =>
        CollectionRate.Compute(invoices, November, asOf, FigureGrouping.Total).Total;

    [Fact]
    public void the_worked_example_of_the_metrics_doc_gives_each_region_its_rate()
    {
        InvoiceFact[] invoices =
        [
            Invoice(100_000m, "2026-10-01", "2026-11-10", [Paid(60_000m, "2026-11-08"), Paid(40_000m, "2026-12-02")], region: "east"),
            Invoice(50_000m, "2026-10-15", "2026-11-20", [Paid(55_000m, "2026-11-18")], region: "east"),
            Invoice(80_000m, "2026-11-01", "2026-11-25", region: "north"),
            Invoice(30_000m, "2026-10-20", "2026-11-28", cancelled: "2026-11-26", region: "north"),
            Invoice(40_000m, "2026-11-05", "2026-12-05", region: "north"),
        ];

        var figure = CollectionRate.Compute(invoices, November, November30, FigureGrouping.Region);

        // east: due 100,000 + 50,000 = 150,000; collected 60,000 (the 40,000 of 12-02 is after as-of) + min(55,000, 50,000)
        //       = 110,000; 110,000 / 150,000 = 0.73333… → 0.7333
        // north: due 80,000 (the 30,000 is voided on 11-26, the 40,000 falls due in December); collected 0 → 0.0000
        // total: 110,000 / 230,000 = 0.478260… → 0.4783
        figure.Period.Should().Be("2026-11");
        figure.AsOf.Should().Be(November30);
        figure.Rows.Should().Equal(
            new CollectionRateRow("east", 150_000m, 110_000m, 0.7333m),
            new CollectionRateRow("north", 80_000m, 0m, 0.0000m));
        figure.Total.Should().Be(new CollectionRateRow("total", 230_000m, 110_000m, 0.4783m));
    }

    [Fact]
    public void a_partial_payment_collects_only_what_was_paid()
    {
        // 25,000 of 100,000 → 0.25
        Total(November30, Invoice(100_000m, "2026-10-01", "2026-11-10", [Paid(25_000m, "2026-11-05")]))
            .Should().Be(new CollectionRateRow("total", 100_000m, 25_000m, 0.25m));
    }

    [Fact]
    public void an_overpayment_is_capped_at_the_invoice_amount_and_cannot_hide_another_debt()
    {
        // min(60,000, 50,000) + 0 = 50,000 of 50,000 + 50,000 = 100,000 → 0.5 (uncapped it would read 0.6)
        Total(
                November30,
                Invoice(50_000m, "2026-10-01", "2026-11-10", [Paid(60_000m, "2026-11-09")]),
                Invoice(50_000m, "2026-10-01", "2026-11-10"))
            .Should().Be(new CollectionRateRow("total", 100_000m, 50_000m, 0.5m));
    }

    [Fact]
    public void a_payment_after_the_as_of_date_is_not_collected()
    {
        var invoice = Invoice(100_000m, "2026-10-01", "2026-11-10", [Paid(100_000m, "2026-12-01")]);

        // as of 11-30 the money has not arrived: 0 / 100,000 = 0; as of 12-01 it has: 100,000 / 100,000 = 1
        Total(November30, invoice).Should().Be(new CollectionRateRow("total", 100_000m, 0m, 0m));
        Total(Day("2026-12-01"), invoice).Should().Be(new CollectionRateRow("total", 100_000m, 100_000m, 1m));
    }

    [Fact]
    public void an_invoice_is_due_until_its_order_is_cancelled_and_voided_from_that_day()
    {
        var invoice = Invoice(100_000m, "2026-10-01", "2026-11-20", cancelled: "2026-11-26");

        // as of 11-25 the cancellation has not happened: 0 / 100,000; from 11-26 nothing is due: no rate at all
        Total(Day("2026-11-25"), invoice).Should().Be(new CollectionRateRow("total", 100_000m, 0m, 0m));
        Total(Day("2026-11-26"), invoice).Should().Be(new CollectionRateRow("total", 0m, 0m, null));
    }

    [Fact]
    public void an_invoice_falling_due_after_the_as_of_date_or_not_yet_issued_is_not_due()
    {
        var asOf = Day("2026-11-15");

        // only the first counts: 10,000 due, 10,000 paid → 1; the second falls due on 11-20, the third is issued on 11-16
        Total(
                asOf,
                Invoice(10_000m, "2026-10-10", "2026-11-10", [Paid(10_000m, "2026-11-10")]),
                Invoice(20_000m, "2026-10-10", "2026-11-20"),
                Invoice(40_000m, "2026-11-16", "2026-11-10"))
            .Should().Be(new CollectionRateRow("total", 10_000m, 10_000m, 1m));
    }

    [Fact]
    public void nothing_due_gives_no_rows_and_a_null_rate_rather_than_zero()
    {
        var figure = CollectionRate.Compute([], November, November30, FigureGrouping.Region);

        figure.Rows.Should().BeEmpty();
        figure.Total.Should().Be(new CollectionRateRow("total", 0m, 0m, null));
    }

    [Fact]
    public void the_rate_rounds_to_four_decimals_with_halves_away_from_zero()
    {
        // 1 / 20,000 = 0.00005 exactly → 0.0001 (banker's rounding would give 0.0000)
        Total(November30, Invoice(20_000m, "2026-10-01", "2026-11-10", [Paid(1m, "2026-11-10")])).Rate.Should().Be(0.0001m);
    }

    [Fact]
    public void rows_are_sorted_by_key_in_ordinal_order_and_total_grouping_is_one_row_keyed_total()
    {
        InvoiceFact[] invoices =
        [
            Invoice(10m, "2026-10-01", "2026-11-10", customer: "b"),
            Invoice(20m, "2026-10-01", "2026-11-10", customer: "a"),
            Invoice(30m, "2026-10-01", "2026-11-10", customer: "B"),
        ];
        var asOf = November30;

        CollectionRate.Compute(invoices, November, asOf, FigureGrouping.Customer).Rows.Select(row => row.Key)
            .Should().Equal("B", "a", "b");
        CollectionRate.Compute(invoices, November, asOf, FigureGrouping.Total).Rows
            .Should().Equal(new CollectionRateRow("total", 60m, 0m, 0m));
    }
}
