using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Http;
using static JinGong.Fleet.Tests.Utilization.History;

namespace JinGong.Fleet.Tests.Utilization;

/// <summary>The query fields utilization reads: a range of days five years at most, a moment as of a day, a choice by name.</summary>
public sealed class CalendarTests
{
    private static readonly DateTimeOffset Now = At("2026-11-25T08:00:00Z");

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
