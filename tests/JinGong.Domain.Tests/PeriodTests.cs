using System.Globalization;
using JinGong.Domain.Time;

namespace JinGong.Domain.Tests;

/// <summary>The China calendar: days, months, quarters and years from midnight to midnight in China, and ranges of days cut into units.</summary>
public sealed class PeriodTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Theory]
    [InlineData("2026-11-05", "2026-11-05", "2026-11-05", "2026-11-04T16:00:00Z", "2026-11-05T16:00:00Z")]
    [InlineData("2026-11", "2026-11-01", "2026-11-30", "2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z")]
    [InlineData("2026-q4", "2026-10-01", "2026-12-31", "2026-09-30T16:00:00Z", "2026-12-31T16:00:00Z")]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2025-12-31T16:00:00Z", "2026-12-31T16:00:00Z")]
    public void a_period_runs_from_midnight_to_midnight_in_china(string text, string first, string last, string start, string end)
    {
        Period.TryParse(text, withDays: true, out var period).Should().BeTrue();

        (period!.First, period.Last).Should().Be((DateOnly.Parse(first, CultureInfo.InvariantCulture), DateOnly.Parse(last, CultureInfo.InvariantCulture)));
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
}
