using JasperFx.Core;
using JinGong.Domain;
using JinGong.Domain.Figures;

namespace JinGong.Fleet.Vehicles.Utilization;

/// <summary>
/// From <paramref name="From"/> (business time) until the next spell begins, the vehicle stood in <paramref name="Status"/>
/// (with <paramref name="StatusBeforeMaintenance"/> while in maintenance: on loan, reserved, delivered, ...) in
/// <paramref name="Region"/>.
/// </summary>
public sealed record StatusSpell(DateTimeOffset From, VehicleStatus Status, VehicleStatus? StatusBeforeMaintenance, string Region);

/// <summary>
/// A vehicle's dated history as utilization reads it: the spells of its status and region in business-time order (its
/// meter readings are stored one by one beside it, in <see cref="Usage.VehicleReadings"/>). <paramref name="State"/> is the vehicle as its events left it, so the next status is
/// decided by <see cref="Vehicle.Evolve"/>, the one place the rules of status live. <paramref name="LeftFleetAt"/> is when
/// it was delivered or retired, after which it is never company-held again.
/// </summary>
public sealed record VehicleTimeline(
    string Id,
    string Model,
    DateTimeOffset? LeftFleetAt,
    IReadOnlyList<StatusSpell> Spells,
    Vehicle State) : IEvolving<VehicleTimeline>
{
    /// <summary>The timeline after one more event of the vehicle's stream (from nothing for its registration).</summary>
    [JasperFxIgnore]
    public static VehicleTimeline? Evolve(VehicleTimeline? timeline, object @event)
    {
        // A telematics batch changes no spell: its readings are stored one by one elsewhere, and the timeline is not
        // rewritten for each batch (nor is its projection given them: VehiclesModule).
        if (@event is UsageReported || Vehicle.Evolve(timeline?.State, @event) is not { } state)
        {
            return timeline;
        }

        var happened = (IVehicleEvent)@event;

        var next = (timeline ?? new VehicleTimeline(state.Code, state.Model, null, [], state)) with
        {
            State = state,
            Spells = WithSpell(timeline?.Spells ?? [], new StatusSpell(happened.OccurredAt, state.Status, state.StatusBeforeMaintenance, state.Region)),
        };
        return @event switch
        {
            VehicleDelivered or VehicleRetired => next with { LeftFleetAt = next.LeftFleetAt ?? happened.OccurredAt },
            _ => next,
        };
    }

    // A new spell only where the standing changes; events at the same instant leave one spell, the standing after the last.
    private static IReadOnlyList<StatusSpell> WithSpell(IReadOnlyList<StatusSpell> spells, StatusSpell spell)
    {
        var before = spells.Count > 0 && spells[^1].From == spell.From ? spells.Take(spells.Count - 1).ToList() : spells;
        return before.Count > 0 && SameStanding(before[^1], spell) ? before : [.. before, spell];
    }

    private static bool SameStanding(StatusSpell a, StatusSpell b) =>
        a.Status == b.Status && a.StatusBeforeMaintenance == b.StatusBeforeMaintenance && a.Region == b.Region;
}
