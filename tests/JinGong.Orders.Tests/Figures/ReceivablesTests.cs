using JinGong.Orders.Figures;
using static JinGong.Orders.Tests.Figures.Make;

namespace JinGong.Orders.Tests.Figures;

/// <summary>Receivables ageing and days sales outstanding, each checked against arithmetic done by hand.</summary>
public sealed class ReceivablesTests
{
    private static ReceivablesRow Total(DateOnly asOf, params InvoiceFact[] invoices) =>
        Receivables.Compute(invoices, asOf, FigureGrouping.Total).Total;

    private static decimal[] Buckets(ReceivablesRow row) => [row.Current, row.Days1To30, row.Days31To60, row.Days61To90, row.Over90];

    [Fact]
    public void the_worked_example_of_the_metrics_doc_ages_each_customers_debt_and_gives_its_dso()
    {
        InvoiceFact[] invoices =
        [
            Invoice(100_000m, "2026-09-01", "2026-10-01", [Paid(40_000m, "2026-10-15")], customer: "Angang"),
            Invoice(70_000m, "2026-11-10", "2026-12-10", customer: "Angang"),
            Invoice(40_000m, "2026-10-05", "2026-11-04", cancelled: "2026-11-20", customer: "Angang"),
            Invoice(80_000m, "2026-07-01", "2026-08-01", customer: "Shougang"),
            Invoice(30_000m, "2026-10-20", "2026-11-19", [Paid(30_000m, "2026-11-25")], customer: "Shougang"),
            Invoice(20_000m, "2026-11-01", "2026-11-15", [Paid(20_000m, "2026-12-01")], customer: "Shougang"),
        ];

        var figure = Receivables.Compute(invoices, November30, FigureGrouping.Customer);

        // DSO window: 2026-09-02 … 2026-11-30 (11-30 − 89 days)
        // Angang: 100,000 − 40,000 = 60,000 due 10-01, 60 days late → 31–60; 70,000 due 12-10 → current;
        //         the 40,000 is voided on 11-20. Outstanding 130,000; invoiced in window 70,000 (09-01 is outside);
        //         DSO 130,000 / 70,000 × 90 = 167.142… → 167.1
        // Shougang: 80,000 due 08-01, 121 days late → over 90; the 30,000 is paid; the 20,000 paid on 12-01 is still owed
        //         on 11-30, 15 days late → 1–30. Outstanding 100,000; invoiced in window 30,000 + 20,000 = 50,000;
        //         DSO 100,000 / 50,000 × 90 = 180.0
        // total: outstanding 230,000, overdue 60,000 + 80,000 + 20,000 = 160,000; invoiced 120,000; DSO 230,000 / 120,000 × 90 = 172.5
        figure.Rows.Should().Equal(
            new ReceivablesRow("Angang", 70_000m, 0m, 60_000m, 0m, 0m, 60_000m, 130_000m, 70_000m, 167.1m),
            new ReceivablesRow("Shougang", 0m, 20_000m, 0m, 0m, 80_000m, 100_000m, 100_000m, 50_000m, 180.0m));
        figure.Total.Should().Be(new ReceivablesRow("total", 70_000m, 20_000m, 60_000m, 0m, 80_000m, 160_000m, 230_000m, 120_000m, 172.5m));
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]
    [InlineData(60, 2)]
    [InlineData(61, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 4)]
    public void an_unpaid_amount_is_aged_by_whole_days_past_its_due_date(int daysOverdue, int bucket)
    {
        // due = as-of − daysOverdue; the whole 1,000 lands in the one bucket: current, 1–30, 31–60, 61–90, over 90
        var due = Iso(November30.AddDays(-daysOverdue));
        var expected = new decimal[5];
        expected[bucket] = 1_000m;

        var row = Total(November30, Invoice(1_000m, "2026-01-05", due));

        Buckets(row).Should().Equal(expected);
        row.Overdue.Should().Be(bucket == 0 ? 0m : 1_000m);
        row.Outstanding.Should().Be(1_000m);
        Receivables.BucketOf(daysOverdue).Should().Be((AgeingBucket)bucket);
    }

    [Fact]
    public void a_partial_payment_leaves_the_rest_outstanding()
    {
        // 100,000 − 35,000 = 65,000, 20 days late → 1–30
        var row = Total(November30, Invoice(100_000m, "2026-01-05", "2026-11-10", [Paid(35_000m, "2026-11-12")]));

        row.Days1To30.Should().Be(65_000m);
        row.Outstanding.Should().Be(65_000m);
    }

    [Fact]
    public void an_overpayment_is_not_a_negative_debt()
    {
        InvoiceFact[] invoices =
        [
            Invoice(100_000m, "2026-01-05", "2026-11-10", [Paid(120_000m, "2026-11-12")]),
            Invoice(100_000m, "2026-01-05", "2026-11-10"),
        ];

        // 100,000 − 120,000 → 0 (not −20,000), so the total owed is the other invoice's 100,000, not 80,000
        Receivables.Compute(invoices, November30, FigureGrouping.Total).Total.Outstanding.Should().Be(100_000m);
    }

    [Fact]
    public void a_payment_after_the_as_of_date_is_still_owed_on_the_as_of_date()
    {
        var invoice = Invoice(100_000m, "2026-01-05", "2026-11-10", [Paid(100_000m, "2026-12-01")]);

        // as of 11-30: 100,000 owed, 20 days late; as of 12-01: 0 owed
        Total(November30, invoice).Days1To30.Should().Be(100_000m);
        Total(Day("2026-12-01"), invoice).Outstanding.Should().Be(0m);
    }

    [Fact]
    public void an_invoice_is_owed_until_its_order_is_cancelled_and_voided_from_that_day()
    {
        var invoice = Invoice(100_000m, "2026-11-01", "2026-11-10", cancelled: "2026-11-30");

        // as of 11-29: 100,000 owed, invoiced in the window, DSO 100,000 / 100,000 × 90 = 90.0; as of 11-30: nothing at all
        Total(Day("2026-11-29"), invoice).Should().Be(new ReceivablesRow("total", 0m, 100_000m, 0m, 0m, 0m, 100_000m, 100_000m, 100_000m, 90.0m));
        Total(November30, invoice).Should().Be(new ReceivablesRow("total", 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, null));
    }

    [Fact]
    public void an_invoice_issued_after_the_as_of_date_is_not_owed_yet()
    {
        Total(November30, Invoice(100_000m, "2026-12-01", "2026-12-31")).Outstanding.Should().Be(0m);
    }

    [Fact]
    public void dso_is_null_when_nothing_was_invoiced_in_the_90_days()
    {
        // issued 2026-09-01 = 11-30 − 90 days, one day before the window: 50,000 owed, 0 invoiced → no DSO
        var row = Total(November30, Invoice(50_000m, "2026-09-01", "2026-10-01"));

        row.Outstanding.Should().Be(50_000m);
        row.InvoicedLast90Days.Should().Be(0m);
        row.DaysSalesOutstanding.Should().BeNull();
    }

    [Fact]
    public void the_dso_window_is_the_90_days_ending_at_the_as_of_date_inclusive()
    {
        // 09-02 (= 11-30 − 89) and 11-30 are both in: invoiced 30,000 + 60,000 = 90,000, of which 60,000 unpaid
        // DSO 60,000 / 90,000 × 90 = 60.0
        var row = Total(
            November30,
            Invoice(30_000m, "2026-09-02", "2026-10-02", [Paid(30_000m, "2026-10-02")]),
            Invoice(60_000m, "2026-11-30", "2026-12-30"));

        row.InvoicedLast90Days.Should().Be(90_000m);
        row.DaysSalesOutstanding.Should().Be(60.0m);
    }

    [Fact]
    public void a_group_paid_up_and_not_invoiced_lately_has_no_row()
    {
        var figure = Receivables.Compute(
            [
                Invoice(10_000m, "2026-01-05", "2026-02-05", [Paid(10_000m, "2026-02-01")], region: "west"),
                Invoice(10_000m, "2026-01-05", "2026-02-05", region: "east"),
            ],
            November30,
            FigureGrouping.Region);

        figure.Rows.Select(row => row.Key).Should().Equal("east");
    }
}
