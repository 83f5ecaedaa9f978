using JinGong.Domain.Figures;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Testing;
using Microsoft.Extensions.Configuration;
using static JinGong.Fleet.Tests.Utilization.History;

namespace JinGong.Fleet.Tests.Utilization;

/// <summary>The read model utilization is computed from: a vehicle's spells and meter readings, folded from its events.</summary>
public sealed class VehicleTimelineTests
{
    [Fact]
    public void each_change_of_status_or_region_starts_a_spell_and_a_repair_remembers_the_loan_beneath_it()
    {
        var timeline = WorkedExample.A().Timeline;

        timeline.Spells.Should().Equal(
            new StatusSpell(At("2026-09-01T02:00:00Z"), VehicleStatus.InStock, null, "east"),
            new StatusSpell(At("2026-09-25T00:00:00Z"), VehicleStatus.OnLoan, null, "east"),
            new StatusSpell(At("2026-10-03T00:00:00Z"), VehicleStatus.InMaintenance, VehicleStatus.OnLoan, "east"),
            new StatusSpell(At("2026-10-05T00:00:00Z"), VehicleStatus.OnLoan, null, "east"),
            new StatusSpell(At("2026-10-10T00:00:00Z"), VehicleStatus.InStock, null, "east"));
        timeline.LeftFleetAt.Should().BeNull();
    }

    [Fact]
    public void events_at_one_instant_leave_one_spell_the_standing_after_the_last()
    {
        var timeline = new History("L").Registered("2026-10-01T00:00:00Z")
            .Reserved("2026-10-02T00:00:00Z").Delivered("2026-10-02T00:00:00Z").Timeline;

        timeline.Spells.Select(spell => spell.Status).Should().Equal(VehicleStatus.InStock, VehicleStatus.Delivered);
        timeline.LeftFleetAt.Should().Be(At("2026-10-02T00:00:00Z"));
    }

    [Fact]
    public void a_transfer_keeps_the_origin_region_until_the_unit_arrives()
    {
        var timeline = new History("M", region: "east").Registered("2026-10-01T00:00:00Z")
            .TransferStarted("2026-10-02T00:00:00Z", "north").TransferArrived("2026-10-04T00:00:00Z", "north").Timeline;

        timeline.Spells.Select(spell => (spell.Status, spell.Region)).Should().Equal(
            (VehicleStatus.InStock, "east"), (VehicleStatus.InTransit, "east"), (VehicleStatus.InStock, "north"));
    }

    [Fact]
    public void the_timeline_holds_the_same_vehicle_state_as_the_vehicles_own_fold()
    {
        var history = WorkedExample.B();

        history.Timeline.State.Should().Be(history.Events.Fold<Vehicle>());
    }

    [Fact]
    public void the_settings_name_the_default_definition_and_shift_hours_per_region()
    {
        var settings = UtilizationSettings.From(Configuration(new()
        {
            ["Fleet:Utilization:Definition"] = "loan-period",
            ["Fleet:Utilization:DefaultShiftHours"] = "7.5",
            ["Fleet:Utilization:ShiftHours:north"] = "10",
        }));

        settings.Definition.Name.Should().Be("loan-period");
        (settings.Shifts.HoursIn("north"), settings.Shifts.HoursIn("east")).Should().Be((10m, 7.5m));
        var defaults = UtilizationSettings.From(Configuration([]));
        (defaults.Definition.Name, defaults.Shifts.DefaultHours).Should().Be(("loan-time", 8m));
    }

    [Theory]
    [InlineData("Fleet:Utilization:Definition", "busy-time")]
    [InlineData("Fleet:Utilization:DefaultShiftHours", "25")]
    [InlineData("Fleet:Utilization:ShiftHours:north", "0")]
    public void settings_that_cannot_be_right_stop_the_service_at_start(string key, string value)
    {
        var act = () => UtilizationSettings.From(Configuration(new() { [key] = value }));

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{key}*");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
