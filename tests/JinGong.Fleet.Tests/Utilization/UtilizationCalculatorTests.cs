using System.Globalization;
using JinGong.Domain.Figures;
using JinGong.Domain.Time;
using JinGong.Fleet.Vehicles.Utilization;
using static JinGong.Fleet.Tests.Utilization.History;

namespace JinGong.Fleet.Tests.Utilization;

/// <summary>
/// Time and operating-hours utilization against intervals worked out by hand. China's months start at 16:00 UTC of the
/// previous day: October 2026 runs from 2026-09-30T16:00Z to 2026-10-31T16:00Z, 31 days = 744 h.
/// </summary>
public sealed class UtilizationCalculatorTests
{
    private static readonly Period September = Period.Month(2026, 9);
    private static readonly Period October = Period.Month(2026, 10);
    private static readonly DateTimeOffset Later = At("2026-11-20T00:00:00Z");
    private static readonly UtilizationDefinition LoanTime = Definition("loan-time");
    private static readonly ShiftSchedule EightHours = new(8m, new Dictionary<string, decimal>());

    private static UtilizationDefinition Definition(string name) => UtilizationDefinitions.Find(name)!;

    private static FleetUtilization Fleet(
        Period period, UtilizationGrouping groupBy, UtilizationDefinition? definition = null, DateTimeOffset? asOf = null, params History[] vehicles) =>
        UtilizationCalculator.ForFleet(
            vehicles.Select(v => v.Timeline), vehicles.ToDictionary(v => v.Code, v => v.Readings), period, asOf ?? Later, definition ?? LoanTime,
            WorkedExample.Shifts, groupBy);

    [Fact]
    public void the_worked_example_of_the_metrics_doc_gives_each_region_its_utilization()
    {
        var figure = Fleet(October, UtilizationGrouping.Region, vehicles: [WorkedExample.A(), WorkedExample.B()]);

        // A (east): on loan 09-30T16:00 → 10-03T00:00 = 56 h and 10-05T00:00 → 10-10T00:00 = 120 h: 176 h deployed of 744 h
        //   available (the repair 10-03 → 10-05, 48 h, is available and not deployed) → 0.23655… → 0.2366.
        //   Meter: 1005 at 09-30T16:00 (halfway through the first batch, 1000 → 1010), 1040 after the second: 35 h of
        //   31 days × 8 h = 248 h → 0.14112… → 0.1411.
        // B (north): in stock 09-30T16:00 → 10-20T16:00 (480 h), reserved → 10-25T16:00 (120 h), then sold: 600 h available,
        //   none deployed → 0; 25 days × 10 h = 250 h scheduled, no meter → 0. The repair after the sale is not the fleet's.
        figure.Period.Should().Be("2026-10");
        (figure.From, figure.To).Should().Be((At("2026-09-30T16:00:00Z"), At("2026-10-31T16:00:00Z")));
        figure.Definition.Name.Should().Be("loan-time");
        figure.Rows.Should().Equal(
            new UtilizationRow("east", 1, 176m, 744m, 0.2366m, 35m, 248m, 0.1411m),
            new UtilizationRow("north", 1, 0m, 600m, 0m, 0m, 250m, 0m));
        // total: 176 ÷ 1,344 = 0.13095… → 0.1310; 35 ÷ 498 = 0.07028… → 0.0703
        figure.Total.Should().Be(new UtilizationRow("total", 2, 176m, 1344m, 0.1310m, 35m, 498m, 0.0703m));
    }

    [Theory]
    // loan-time: the repair during the loan is available and not deployed: 176 ÷ 744
    [InlineData("loan-time", 176, 744, 0.2366, 248, 0.1411)]
    // loan-time-excluding-maintenance: the repair's 48 h leave the denominator: 176 ÷ 696 = 0.25287…; 29 days × 8 = 232 h, 35 ÷ 232 = 0.15086…
    [InlineData("loan-time-excluding-maintenance", 176, 696, 0.2529, 232, 0.1509)]
    // loan-period: the whole loan is deployed, repair included: 224 ÷ 744 = 0.30107…
    [InlineData("loan-period", 224, 744, 0.3011, 248, 0.1411)]
    public void a_repair_during_a_loan_counts_as_each_definition_says(
        string definition, int deployed, int available, double timeUtilization, int scheduled, double operatingUtilization)
    {
        var figure = Fleet(October, UtilizationGrouping.Vehicle, Definition(definition), vehicles: [WorkedExample.A()]);

        figure.Definition.Name.Should().Be(definition);
        figure.Rows.Should().Equal(new UtilizationRow(
            "A", 1, deployed, available, (decimal)timeUtilization, 35m, scheduled, (decimal)operatingUtilization));
    }

    [Fact]
    public void a_loan_across_a_month_boundary_is_split_at_midnight_in_china()
    {
        var vehicle = WorkedExample.A();

        var figure = UtilizationCalculator.ForVehicle(
            vehicle.Timeline, vehicle.Readings, Period.Between(September.First, October.Last), PeriodUnit.Month, Later, LoanTime, EightHours);

        // September: available from registration 09-01T02:00Z to 09-30T16:00Z = 29 d 14 h = 710 h; on loan from 09-25T00:00Z
        //   = 5 d 16 h = 136 h → 136 ÷ 710 = 0.19154… → 0.1915. Meter: 1000 → 1005 (half the first batch) = 5 h of
        //   710 ÷ 24 × 8 = 236.666… h → 0.02112… → 0.0211.
        // October as in the worked example. The loan's 192 h before the repair = 136 + 56.
        figure.Periods.Should().Equal(
            new UtilizationRow("2026-09", 1, 136m, 710m, 0.1915m, 5m, 236.67m, 0.0211m),
            new UtilizationRow("2026-10", 1, 176m, 744m, 0.2366m, 35m, 248m, 0.1411m));
        // both: 312 ÷ 1,454 = 0.21458… → 0.2146; 40 ÷ 484.666… = 0.08253… → 0.0825
        figure.Total.Should().Be(new UtilizationRow("total", 1, 312m, 1454m, 0.2146m, 40m, 484.67m, 0.0825m));
    }

    [Fact]
    public void an_hour_either_side_of_16_00_utc_falls_in_two_china_days()
    {
        var vehicle = new History("C").Registered("2026-09-29T00:00:00Z").Lent("2026-09-30T15:00:00Z").Returned("2026-09-30T17:00:00Z").Timeline;

        var figure = UtilizationCalculator.ForVehicle(
            vehicle, [], Period.Between(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 1)), PeriodUnit.Day, Later, LoanTime, EightHours);

        // 30 Sep in China is 09-29T16:00Z → 09-30T16:00Z: 1 h of its 24 on loan; 1 Oct: the next hour.
        figure.Periods.Select(row => (row.Key, row.DeployedHours, row.AvailableHours))
            .Should().Equal(("2026-09-30", 1m, 24m), ("2026-10-01", 1m, 24m));
    }

    [Fact]
    public void meter_hours_of_a_batch_across_a_boundary_are_split_in_proportion_to_time()
    {
        // 30 h over 60 h, 20 of them before October begins at 09-30T16:00Z: 10 h in September, 20 in October.
        var vehicle = new History("D").Registered("2026-09-01T00:00:00Z").Usage("2026-09-29T20:00:00Z", 500m, "2026-10-02T08:00:00Z", 530m);

        var september = Fleet(September, UtilizationGrouping.Total, vehicles: [vehicle]).Total;
        var october = Fleet(October, UtilizationGrouping.Total, vehicles: [vehicle]).Total;

        (september.OperatingHours, october.OperatingHours).Should().Be((10m, 20m));
    }

    [Fact]
    public void every_reading_of_a_batch_counts_not_only_its_first_and_last()
    {
        // The unit stood idle from 10:00 to 16:00Z (100 h both), then worked 12 h by 10-01T04:00Z. October begins at
        // 09-30T16:00Z: September 0 h, October 12 h. Spread evenly from the batch's first to its last reading, September
        // would have had 6 of the 18 h span's 12 h: 4 h.
        var vehicle = new History("D2").Registered("2026-09-01T00:00:00Z")
            .Usage(("2026-09-30T10:00:00Z", 100m), ("2026-09-30T16:00:00Z", 100m), ("2026-10-01T04:00:00Z", 112m));

        var september = Fleet(September, UtilizationGrouping.Total, vehicles: [vehicle]).Total;
        var october = Fleet(October, UtilizationGrouping.Total, vehicles: [vehicle]).Total;

        (september.OperatingHours, october.OperatingHours).Should().Be((0m, 12m));
    }

    [Fact]
    public void the_readings_that_bracket_the_meter_instants_give_the_figure_all_readings_give()
    {
        // What the endpoints read from the readings table: only the readings either side of each instant the meter is
        // read at. Two batches of hourly readings with an idle night between; the figure must not move.
        var vehicle = new History("D3").Registered("2026-09-01T00:00:00Z")
            .Usage(HourlyReadings("2026-09-29T00:00:00Z", count: 30, hours: hour => 100m + (hour / 2)))
            .Lent("2026-09-30T02:00:00Z")
            .Usage(HourlyReadings("2026-09-30T20:00:00Z", count: 30, hours: hour => 200m + hour));
        var all = vehicle.Readings;
        var instants = UtilizationCalculator.MeterInstants(vehicle.Timeline, October, Later).ToList();
        var bracketing = all.Where((reading, i) => instants.Any(instant =>
            (reading.At <= instant && (i + 1 == all.Count || all[i + 1].At > instant)) || (reading.At > instant && (i == 0 || all[i - 1].At <= instant))))
            .ToList();

        var fromAll = UtilizationCalculator.ForFleet([vehicle.Timeline], new Dictionary<string, IReadOnlyList<MeterReading>> { ["D3"] = all }, October, Later, LoanTime, EightHours, UtilizationGrouping.Total);
        var fromBracketing = UtilizationCalculator.ForFleet([vehicle.Timeline], new Dictionary<string, IReadOnlyList<MeterReading>> { ["D3"] = bracketing }, October, Later, LoanTime, EightHours, UtilizationGrouping.Total);

        bracketing.Count.Should().BeLessThan(all.Count / 4);
        fromBracketing.Should().BeEquivalentTo(fromAll);
        fromAll.Total.OperatingHours.Should().BeGreaterThan(0m);
    }

    private static (string At, decimal Hours)[] HourlyReadings(string from, int count, Func<int, decimal> hours) =>
        [.. Enumerable.Range(0, count).Select(hour => (At(from).AddHours(hour).ToString("O", CultureInfo.InvariantCulture), hours(hour)))];

    [Fact]
    public void the_meter_runs_evenly_between_batches_too()
    {
        // The unit worked 12 h between its two batches (110 → 122), over 24 h of which 6 fall in October: 3 h.
        var vehicle = new History("E").Registered("2026-09-01T00:00:00Z")
            .Usage("2026-09-29T20:00:00Z", 100m, "2026-09-29T22:00:00Z", 110m)
            .Usage("2026-09-30T22:00:00Z", 122m, "2026-09-30T23:00:00Z", 123m);

        Fleet(October, UtilizationGrouping.Total, vehicles: [vehicle]).Total.OperatingHours.Should().Be(3m + 1m);
    }

    [Fact]
    public void as_of_a_past_moment_later_spells_and_readings_are_not_known()
    {
        // As of the end of 7 Oct in China (10-07T16:00Z), October so far is 168 h: on loan 56 h, repair 48 h, on loan again 64 h.
        // 120 ÷ 168 = 0.71428… → 0.7143. The second batch ends on 10-09, so only its first reading is known: 1010 at 10-06,
        // the meter ran 1005 → 1010: 5 h of 7 days × 8 = 56 h → 0.08928… → 0.0893.
        var figure = Fleet(October, UtilizationGrouping.Vehicle, asOf: At("2026-10-07T16:00:00Z"), vehicles: [WorkedExample.A()]);

        figure.To.Should().Be(At("2026-10-07T16:00:00Z"));
        figure.Rows.Should().Equal(new UtilizationRow("A", 1, 120m, 168m, 0.7143m, 5m, 56m, 0.0893m));
    }

    [Fact]
    public void a_vehicle_transferred_between_regions_counts_in_each_for_its_time_there()
    {
        // In stock in east from 10-01T16:00Z (registered), in transit (still east) from 10-11T16:00Z, arrives north 10-13T16:00Z.
        var vehicle = new History("F", region: "east").Registered("2026-10-01T16:00:00Z")
            .TransferStarted("2026-10-11T16:00:00Z", "north").TransferArrived("2026-10-13T16:00:00Z", "north")
            .Lent("2026-10-20T16:00:00Z");

        var figure = Fleet(October, UtilizationGrouping.Region, vehicles: [vehicle]);

        // east: 12 days = 288 h, 12 × 8 = 96 h scheduled. north: 18 days = 432 h, on loan 11 days = 264 h → 0.6111;
        // 18 × 10 = 180 h scheduled. One vehicle in each region, and one in all.
        figure.Rows.Should().Equal(
            new UtilizationRow("east", 1, 0m, 288m, 0m, 0m, 96m, 0m),
            new UtilizationRow("north", 1, 264m, 432m, 0.6111m, 0m, 180m, 0m));
        figure.Total.Vehicles.Should().Be(1);
    }

    [Fact]
    public void a_retired_or_delivered_vehicle_leaves_the_company_held_fleet_for_good()
    {
        var retired = new History("G").Registered("2026-09-01T00:00:00Z").Retired("2026-10-10T16:00:00Z");
        var sold = new History("H").Registered("2026-09-01T00:00:00Z").Reserved("2026-10-05T16:00:00Z")
            .Delivered("2026-10-10T16:00:00Z").MaintenanceOpened("2026-10-12T00:00:00Z").MaintenanceClosed("2026-10-14T00:00:00Z");

        var figure = Fleet(October, UtilizationGrouping.Vehicle, vehicles: [retired, sold]);

        // Each counts its first 10 days (240 h) and nothing after: the repair of the sold unit is its customer's.
        figure.Rows.Select(row => (row.Key, row.AvailableHours)).Should().Equal(("G", 240m), ("H", 240m));
        sold.Timeline.LeftFleetAt.Should().Be(At("2026-10-10T16:00:00Z"));
    }

    [Fact]
    public void a_unit_in_maintenance_all_period_has_no_basis_when_maintenance_is_excluded()
    {
        var vehicle = new History("J").Registered("2026-09-01T00:00:00Z").MaintenanceOpened("2026-09-20T00:00:00Z");

        var excluding = Fleet(October, UtilizationGrouping.Total, Definition("loan-time-excluding-maintenance"), vehicles: [vehicle]);
        var including = Fleet(October, UtilizationGrouping.Total, vehicles: [vehicle]);

        excluding.Rows.Should().BeEmpty();
        excluding.Total.Should().Be(new UtilizationRow("total", 0, 0m, 0m, null, 0m, 0m, null), "no available time is no rate, not a rate of 0");
        including.Total.Should().Be(new UtilizationRow("total", 1, 0m, 744m, 0m, 0m, 248m, 0m));
    }

    [Fact]
    public void by_model_sums_every_vehicle_of_the_model()
    {
        var figure = Fleet(October, UtilizationGrouping.Model, vehicles: [WorkedExample.A(), WorkedExample.B(), WorkedExample.A("K", model: "MT-90")]);

        figure.Rows.Should().Equal(
            new UtilizationRow("EL-50", 2, 176m, 1344m, 0.1310m, 35m, 498m, 0.0703m),
            new UtilizationRow("MT-90", 1, 176m, 744m, 0.2366m, 35m, 248m, 0.1411m));
    }

    [Fact]
    public void a_period_not_begun_by_the_as_of_moment_counts_nothing()
    {
        var figure = Fleet(October, UtilizationGrouping.Total, asOf: At("2026-09-15T00:00:00Z"), vehicles: [WorkedExample.A()]);

        figure.To.Should().Be(figure.From);
        figure.Total.AvailableHours.Should().Be(0m);
    }
}
