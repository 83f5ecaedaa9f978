using System.Diagnostics;
using System.Globalization;
using JinGong.Orders.Figures;
using JinGong.ServiceDefaults.Time;

namespace JinGong.Orders.Tests.Figures;

/// <summary>Facts written the way the tests read: dates as ISO strings, everything else defaulted.</summary>
internal static class Make
{
    private static int next;

    /// <summary>The month most examples are set in, and its last day, the usual as-of date.</summary>
    public static readonly Period November = Period.Month(2026, 11);
    public static readonly DateOnly November30 = new(2026, 11, 30);

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static PaymentFact Paid(decimal amount, string on) => new(amount, Day(on));

    public static InvoiceFact Invoice(
        decimal amount,
        string issued,
        string due,
        PaymentFact[]? paid = null,
        string? cancelled = null,
        string region = "east",
        string customer = "Angang",
        string salesRep = "li")
    {
        var id = Interlocked.Increment(ref next);
        return new InvoiceFact(
            $"order-{id}", $"invoice-{id}", region, customer, salesRep, amount, Day(issued), Day(due), paid ?? [], cancelled is null ? null : Day(cancelled));
    }

    public static OpportunityFact Opportunity(string region, string salesRep, decimal expected, params (OpportunityStage Stage, string On)[] stages) =>
        new($"opportunity-{Interlocked.Increment(ref next)}", region, salesRep, expected, [.. stages.Select(stage => new StageFact(stage.Stage, Day(stage.On)))]);

    public static OrderFact Order(DateOnly placedOn, string region, string? cancelled, params OrderLineFact[] lines) =>
        new($"order-{Interlocked.Increment(ref next)}", region, "Angang", "li", placedOn, cancelled is null ? null : Day(cancelled), lines);
}

/// <summary>What every figure shares: the grouping keys and the speed a dashboard needs.</summary>
public sealed class FiguresTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The fastest of a few runs after a warm-up (JIT compilation, which a running service has long paid): the cost of
    /// the computation itself, not of whatever else the machine happens to be doing.
    /// </summary>
    private static TimeSpan Fastest(Action compute)
    {
        compute();
        return Enumerable.Range(0, 5).Min(_ =>
        {
            var watch = Stopwatch.StartNew();
            compute();
            return watch.Elapsed;
        });
    }

    [Theory]
    [InlineData(FigureGrouping.Total, "total")]
    [InlineData(FigureGrouping.Region, "north")]
    [InlineData(FigureGrouping.Customer, "Shougang")]
    [InlineData(FigureGrouping.SalesRep, "wang")]
    public void an_invoice_falls_under_its_orders_region_customer_or_sales_rep(FigureGrouping groupBy, string key)
    {
        var invoice = Make.Invoice(1m, "2026-11-01", "2026-11-30", region: "north", customer: "Shougang", salesRep: "wang");

        FigureKeys.ForInvoices(groupBy)(invoice).Should().Be(key);
    }

    [Fact]
    public void an_unknown_grouping_is_refused_before_any_fact_is_read()
    {
        var act = () => FigureKeys.ForInvoices((FigureGrouping)42);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("groupBy");
    }

    [Fact]
    public void ten_thousand_orders_with_three_invoices_each_compute_each_figure_well_under_100_ms()
    {
        var asOf = Make.November30;
        var regions = new[] { "east", "north", "south", "west" };
        var orders = new List<OrderFact>();
        var invoices = new List<InvoiceFact>();
        var opportunities = new List<OpportunityFact>();
        for (var i = 0; i < 10_000; i++)
        {
            var placed = asOf.AddDays(-(i % 365));
            var region = regions[i % regions.Length];
            orders.Add(Make.Order(placed, region, i % 50 == 0 ? "2026-11-01" : null, new OrderLineFact($"EL-{i % 7}", 1 + (i % 3), 1_850_000m)));
            for (var n = 0; n < 3; n++)
            {
                var issued = Make.Iso(placed.AddDays(n * 30));
                var due = Make.Iso(placed.AddDays((n * 30) + 30));
                invoices.Add(Make.Invoice(616_666.67m, issued, due, [Make.Paid(300_000m, issued)], region: region, customer: $"customer-{i % 200}", salesRep: $"rep-{i % 40}"));
            }

            opportunities.Add(Make.Opportunity(region, $"rep-{i % 40}", 2_000_000m, (OpportunityStage.Lead, "2026-01-05"), ((OpportunityStage)(i % 6), Make.Iso(placed))));
        }

        // each figure alone, as an endpoint computes it
        Fastest(() => CollectionRate.Compute(invoices, Period.Quarter(2026, 4), asOf, FigureGrouping.Customer)).Should().BeLessThan(Limit);
        Fastest(() => Receivables.Compute(invoices, asOf, FigureGrouping.Customer)).Should().BeLessThan(Limit);
        Fastest(() => ConversionRate.Compute(opportunities, Period.Year(2026), asOf, FigureGrouping.SalesRep)).Should().BeLessThan(Limit);
        Fastest(() => Pipeline.Compute(opportunities, asOf)).Should().BeLessThan(Limit);
        Fastest(() => OrderTrends.Compute(orders, Period.Month(2026, 1), Period.Month(2026, 12), asOf)).Should().BeLessThan(Limit);
    }
}
