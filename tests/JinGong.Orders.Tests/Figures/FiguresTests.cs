using System.Globalization;
using JinGong.Domain.Time;
using JinGong.Orders.Figures;

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

/// <summary>What every figure shares: the grouping keys. (Their speed over 10,000 orders is measured by bench/orders-figures.sh.)</summary>
public sealed class FiguresTests
{
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
}
