using JinGong.Fleet.Vehicles.Utilization;
using JinGong.ServiceDefaults.Http;
using JinGong.ServiceDefaults.Time;
using static JinGong.Fleet.Tests.Utilization.History;

namespace JinGong.Fleet.Tests.Utilization;

/// <summary>The China calendar as utilization asks it: days and ranges of days, cut into units, and the query fields naming them.</summary>
public sealed class CalendarTests
{
    private static readonly DateTimeOffset Now = At("2026-11-25T08:00:00Z");

    [Theory]
    [InlineData("2026-11-05", "2026-11-05", "2026-11-05", "2026-11-04T16:00:00Z", "2026-11-05T16:00:00Z")]
    [InlineData("2026-11", "2026-11-01", "2026-11-30", "2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z")]
    [InlineData("2026-q4", "2026-10-01", "2026-12-31", "2026-09-30T16:00:00Z", "2026-12-31T16:00:00Z")]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2025-12-31T16:00:00Z", "2026-12-31T16:00:00Z")]
    public void a_period_runs_from_midnight_to_midnight_in_china(string text, string first, string last, string start, string end)
    {
        Period.TryParse(text, withDays: true, out var period).Should().BeTrue();

        (period!.First, period.Last).Should().Be((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)));
        (period.Start, period.End).Should().Be((At(start), At(end)));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-11-5")]
    [InlineData("last month")]
    public void what_names_no_period_is_not_one(string text) => Period.TryParse(text, withDays: true, out _).Should().BeFalse();

    [Fact]
    public void a_day_is_a_period_only_where_days_are_asked_for()
    {
        Period.TryParse("2026-11-05", out _).Should().BeFalse("objectives and the orders figures are set for months, quarters and years");
        Period.TryParse("2026-11-05", withDays: true, out var day).Should().BeTrue();
        day!.Name.Should().Be("2026-11-05");
    }

    [Fact]
    public void a_range_is_cut_into_whole_units_and_clipped_at_its_ends()
    {
        var range = Period.Between(new DateOnly(2026, 8, 15), new DateOnly(2026, 11, 30));

        range.Name.Should().Be("2026-08-15..2026-11-30");
        range.Split(PeriodUnit.Month).Select(period => period.Name).Should().Equal("2026-08-15..2026-08-31", "2026-09", "2026-10", "2026-11");
        range.Split(PeriodUnit.Quarter).Select(period => period.Name).Should().Equal("2026-08-15..2026-09-30", "2026-10-01..2026-11-30");
        range.Split(PeriodUnit.Day).Should().HaveCount(108);
        Period.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)).Name.Should().Be("2026-Q4");
    }

    [Theory]
    [InlineData("2026-01", "2026-12", null, "2026")]
    [InlineData("2026-09-15", "2026-Q4", null, "2026-09-15..2026-12-31")]
    [InlineData("2026-01", "2030-12", null, "2026-01-01..2030-12-31")]
    [InlineData("2026-12", "2026-01", "to", null)]
    [InlineData("2026-01", "2031-01", "to", null)]
    [InlineData("2026-13", "2026-12", "from", null)]
    [InlineData(null, "2026-12", "from", null)]
    public void a_range_runs_forward_five_years_at_most(string? from, string? to, string? wrongField, string? name)
    {
        var errors = new FieldErrors();

        var range = errors.ParseRange(from, to, UtilizationEndpoints.MaxYears);

        range?.Name.Should().Be(name);
        errors.Errors.Keys.Should().Equal(wrongField is null ? [] : [wrongField]);
    }

    [Theory]
    [InlineData(null, "2026-11-25T08:00:00Z")]
    [InlineData("2026-10-07", "2026-10-07T16:00:00Z")]
    [InlineData("2026-10-07T12:00:00+08:00", "2026-10-07T04:00:00Z")]
    [InlineData("2026-10-07T12:00:00", "2026-10-07T12:00:00Z")]
    [InlineData("2030-01-01", "2026-11-25T08:00:00Z")]
    public void as_of_a_date_is_the_end_of_that_day_in_china_and_never_after_now(string? text, string moment)
    {
        var errors = new FieldErrors();

        errors.ParseAsOf(text, Now).Should().Be(At(moment));
        errors.Any.Should().BeFalse();
    }

    [Fact]
    public void a_choice_is_named_in_any_case_but_never_by_number()
    {
        var errors = new FieldErrors();

        errors.ParseChoice("groupBy", "MODEL", UtilizationGrouping.Total).Should().Be(UtilizationGrouping.Model);
        errors.ParseChoice("groupBy", null, UtilizationGrouping.Total).Should().Be(UtilizationGrouping.Total);
        errors.Any.Should().BeFalse();
        errors.ParseChoice("groupBy", "2", UtilizationGrouping.Total);
        errors.Errors["groupBy"].Should().Equal("The groupBy is one of total, vehicle, model, region.");
    }
}
