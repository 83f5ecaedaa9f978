using JinGong.Domain.Time;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Records;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Records;

/// <summary>What one order or opportunity contributes to a bound key result, worked out by hand.</summary>
public sealed class RecordContributionsTests
{
    private static readonly Period Quarter = Period.Quarter(2026, 4);
    private static readonly DateTimeOffset InQuarter = new(2026, 10, 15, 3, 0, 0, TimeSpan.Zero);
    private static readonly Guid Placed = Guid.NewGuid();
    private static readonly TeamOf NoTeams = (_, _) => null;

    [Fact]
    public void units_sold_count_the_order_s_units_of_the_filtered_model_in_the_filtered_region_and_nothing_once_it_is_cancelled()
    {
        var order = OrderIn("East China");

        Of(Metric.UnitsSold, order, region: "East China").Should().BeEquivalentTo(new Contribution(5, 0, [Placed]));
        Of(Metric.UnitsSold, order, model: "WL-50E").Numerator.Should().Be(3);
        Of(Metric.UnitsSold, order, region: "North China").Should().Be(RecordContributions.None);
        Of(Metric.UnitsSold, order.After(new OrderCancellationNoted(order.Id, order.OrderId, InQuarter.AddDays(1), Guid.NewGuid(), InQuarter.AddDays(1))))
            .Should().Be(RecordContributions.None);
    }

    [Fact]
    public void an_order_placed_in_china_s_new_quarter_counts_there_though_it_is_still_the_old_one_in_utc()
    {
        // 1 October 2026 00:30 in China is 30 September 16:30 UTC.
        var order = OrderIn("East China", placedAt: new DateTimeOffset(2026, 9, 30, 16, 30, 0, TimeSpan.Zero));

        Of(Metric.UnitsSold, order).Numerator.Should().Be(5);
        RecordContributions.Of(new Binding(Metric.UnitsSold, MetricFilter.All), Period.Quarter(2026, 3).First.DayNumber, Period.Quarter(2026, 3).Last.DayNumber, order, NoTeams)
            .Should().Be(RecordContributions.None);
    }

    [Fact]
    public void a_team_filter_counts_the_rep_s_team_at_the_time_of_the_sale()
    {
        var order = OrderIn("East China");
        TeamOf movedAfterTheSale = (rep, moment) => rep == "li.wei" && moment < InQuarter.AddDays(10) ? "East Sales" : "Key Accounts";

        Of(Metric.UnitsSold, order, team: "East Sales", teamOf: movedAfterTheSale).Numerator.Should().Be(5);
        Of(Metric.UnitsSold, order, team: "Key Accounts", teamOf: movedAfterTheSale).Should().Be(RecordContributions.None);
    }

    [Fact]
    public void the_collection_rate_counts_invoices_due_in_the_period_and_payments_capped_at_each_invoice()
    {
        var invoiceA = Guid.NewGuid();
        var invoiceB = Guid.NewGuid();
        var payment1 = Guid.NewGuid();
        var payment2 = Guid.NewGuid();
        var order = OrderIn("East China")
            .After(new InvoiceNoted("order:O-1", "O-1", "INV-A", "East China", "li.wei", 1_000_000m, new DateOnly(2026, 11, 30), InQuarter, invoiceA, InQuarter))
            .After(new InvoiceNoted("order:O-1", "O-1", "INV-B", "East China", "li.wei", 500_000m, new DateOnly(2027, 1, 15), InQuarter, invoiceB, InQuarter))
            .After(new PaymentNoted("order:O-1", "O-1", "INV-A", "PAY-1", "East China", "li.wei", 600_000m, new DateOnly(2026, 11, 1), InQuarter.AddDays(17), payment1, InQuarter.AddDays(17)))
            .After(new PaymentNoted("order:O-1", "O-1", "INV-A", "PAY-2", "East China", "li.wei", 700_000m, new DateOnly(2026, 11, 5), InQuarter.AddDays(21), payment2, InQuarter.AddDays(21)));

        // INV-B is due next quarter; INV-A is overpaid by 300,000, which does not lift the rate above 100 %.
        Of(Metric.CollectionRate, order).Should().BeEquivalentTo(new Contribution(1_000_000m, 1_000_000m, new[] { invoiceA, payment1, payment2 }.Order().ToList()));
        Of(Metric.AmountCollected, order).Numerator.Should().Be(1_300_000m);
    }

    [Fact]
    public void a_delivery_counts_in_the_region_of_its_order_once_the_order_is_known()
    {
        var delivered = Guid.NewGuid();
        var onlyTheDelivery = SaleRecord.Evolve(null, new DeliveryNoted("order:O-1", "O-1", "VH-1", "MT-90E", InQuarter, delivered, InQuarter))!;

        Of(Metric.UnitsDelivered, onlyTheDelivery).Numerator.Should().Be(1, "without a filter, the region need not be known");
        Of(Metric.UnitsDelivered, onlyTheDelivery, region: "East China").Should().Be(RecordContributions.None);
        var known = onlyTheDelivery.After(new OrderNoted("order:O-1", "O-1", "Baotou Steel", "East China", "li.wei", [new ModelUnits("MT-90E", 2)], 2, 3_000_000m, InQuarter.AddDays(-3), Placed, InQuarter));
        Of(Metric.UnitsDelivered, known, region: "East China").Should().BeEquivalentTo(new Contribution(1, 0, [delivered]));
    }

    [Fact]
    public void a_reopened_opportunity_counts_by_its_latest_closing()
    {
        var won = new OpportunityClosingNoted("opportunity:OPP-1", "OPP-1", "East China", "li.wei", ["MT-90E"], true, InQuarter, Guid.NewGuid(), InQuarter);
        var lostLater = won with { Won = false, ClosedAt = InQuarter.AddDays(5), SourceEventId = Guid.NewGuid(), OccurredAt = InQuarter.AddDays(5) };

        var record = OpportunityRecord.Evolve(null, won)!.After(lostLater, won);

        Of(Metric.ConversionRate, record).Should().BeEquivalentTo(new Contribution(0, 1, [lostLater.SourceEventId]), "the older closing noted late changes nothing");
        Of(Metric.ConversionRate, record, model: "WL-30E").Should().Be(RecordContributions.None);
        Of(Metric.UnitsSold, record).Should().Be(RecordContributions.None);
    }

    private static SaleRecord OrderIn(string region, DateTimeOffset? placedAt = null) =>
        SaleRecord.Evolve(null, new OrderNoted(
            "order:O-1", "O-1", "Baotou Steel", region, "li.wei", [new ModelUnits("MT-90E", 2), new ModelUnits("WL-50E", 3)], 5, 9_000_000m,
            placedAt ?? InQuarter, Placed, placedAt ?? InQuarter))!;

    private static Contribution Of(
        Metric metric, IBusinessRecord record, string? region = null, string? team = null, string? model = null, TeamOf? teamOf = null) =>
        RecordContributions.Of(new Binding(metric, new MetricFilter(region, team, null, model)), Quarter.First.DayNumber, Quarter.Last.DayNumber, record, teamOf ?? NoTeams);
}
