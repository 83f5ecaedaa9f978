using JinGong.Domain.Figures;
using JinGong.Domain.Time;

namespace JinGong.Fleet.Vehicles.Utilization;

/// <summary>What the fleet's utilization is broken down by.</summary>
public enum UtilizationGrouping
{
    Total,
    Vehicle,
    Model,
    Region,
}

/// <summary>
/// One group's utilization: deployed and available hours and their ratio (time utilization), operating hours from the
/// meter and scheduled (shift) hours and their ratio (operating-hours utilization), and how many vehicles had time
/// available in the group. Hours have two decimals; ratios four, from the unrounded sums, null when there is no basis.
/// </summary>
public sealed record UtilizationRow(
    string Key,
    int Vehicles,
    decimal DeployedHours,
    decimal AvailableHours,
    decimal? TimeUtilization,
    decimal OperatingHours,
    decimal ScheduledHours,
    decimal? OperatingUtilization);

/// <summary>
/// The fleet's utilization over a period (<paramref name="From"/> to <paramref name="To"/>, which stops at
/// <paramref name="AsOf"/> when the period is not over by then), under <paramref name="Definition"/>; as known at
/// <see cref="KnownAt"/>, or with everything recorded so far when that is null.
/// </summary>
public sealed record FleetUtilization(
    string Period,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    UtilizationDefinition Definition,
    UtilizationGrouping GroupBy,
    IReadOnlyList<UtilizationRow> Rows,
    UtilizationRow Total)
{
    /// <summary>The moment of recording the figure was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}

/// <summary>One vehicle's utilization per day, month, quarter or year of a range (each row keyed by its period's name).</summary>
public sealed record VehicleUtilization(
    string VehicleCode,
    string Model,
    string Period,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    UtilizationDefinition Definition,
    PeriodUnit Granularity,
    IReadOnlyList<UtilizationRow> Periods,
    UtilizationRow Total)
{
    /// <summary>The moment of recording the figure was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}

/// <summary>
/// Time and operating-hours utilization [设备利用率] (docs/metrics.md) as a pure function of the vehicles' timelines and
/// meter readings: each spell of a vehicle is cut exactly at the window's bounds (China calendar periods, as instants), the
/// definition says whether it is deployed, idle or excluded, and the meter hours of its stretch are read off the readings,
/// interpolated between two consecutive readings. Nothing after <c>asOf</c> is known: no spell, no reading, no time.
/// The readings of a vehicle need only bracket the instants <see cref="MeterInstants"/> names (all of them will do).
/// </summary>
public static class UtilizationCalculator
{
    public static FleetUtilization ForFleet(
        IEnumerable<VehicleTimeline> vehicles, IReadOnlyDictionary<string, IReadOnlyList<MeterReading>> readings, Period period, DateTimeOffset asOf,
        UtilizationDefinition definition, ShiftSchedule shifts, UtilizationGrouping groupBy)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(definition);
        var to = Earlier(period.End, asOf);
        var groups = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var total = new Sums();
        foreach (var vehicle in vehicles)
        {
            foreach (var piece in Pieces(vehicle, ReadingsOf(readings, vehicle), period.Start, to, asOf, definition))
            {
                var key = groupBy switch
                {
                    UtilizationGrouping.Total => Total,
                    UtilizationGrouping.Vehicle => vehicle.Id,
                    UtilizationGrouping.Model => vehicle.Model,
                    UtilizationGrouping.Region => piece.Region,
                    _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Group by total, vehicle, model or region."),
                };
                if (!groups.TryGetValue(key, out var sums))
                {
                    groups.Add(key, sums = new Sums());
                }

                sums.Add(vehicle.Id, piece, shifts);
                total.Add(vehicle.Id, piece, shifts);
            }
        }

        return new FleetUtilization(
            period.Name, period.Start, Later(to, period.Start), asOf, definition, groupBy,
            [.. groups.OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => group.Value.Row(group.Key))],
            total.Row(Total));
    }

    /// <summary>The vehicle's utilization in each <paramref name="granularity"/> of <paramref name="range"/>, and over the whole range.</summary>
    public static VehicleUtilization ForVehicle(
        VehicleTimeline vehicle, IReadOnlyList<MeterReading> readings, Period range, PeriodUnit granularity, DateTimeOffset asOf,
        UtilizationDefinition definition, ShiftSchedule shifts)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(definition);
        UtilizationRow Row(Period period)
        {
            var sums = new Sums();
            foreach (var piece in Pieces(vehicle, readings, period.Start, Earlier(period.End, asOf), asOf, definition))
            {
                sums.Add(vehicle.Id, piece, shifts);
            }

            return sums.Row(period.Name);
        }

        return new VehicleUtilization(
            vehicle.Id, vehicle.Model, range.Name, range.Start, Later(Earlier(range.End, asOf), range.Start), asOf, definition, granularity,
            [.. range.Split(granularity).Select(Row)], Row(range) with { Key = Total });
    }

    /// <summary>The key of the total row.</summary>
    public const string Total = "total";

    /// <summary>
    /// The instants at which the meter of <paramref name="vehicle"/> is read for <paramref name="window"/> as of
    /// <paramref name="asOf"/>: the window's bounds and the start of each spell inside it, where its stretches begin and end.
    /// </summary>
    public static IEnumerable<DateTimeOffset> MeterInstants(VehicleTimeline vehicle, Period window, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(window);
        var to = Earlier(window.End, asOf);
        return vehicle.Spells.Select(spell => spell.From).Where(from => from > window.Start && from < to).Prepend(window.Start).Append(to);
    }

    /// <summary>
    /// The stretches of the vehicle's time inside [<paramref name="from"/>, <paramref name="to"/>) that the definition
    /// counts as available: one per spell, cut at the bounds, with the region it was in, whether it was deployed, and the
    /// meter hours run in it as known by <paramref name="asOf"/>.
    /// </summary>
    public static IEnumerable<UtilizationPiece> Pieces(
        VehicleTimeline vehicle, IReadOnlyList<MeterReading> readings, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, UtilizationDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(definition);
        var meter = new Meter(readings, asOf);
        var spells = vehicle.Spells;
        for (var i = 0; i < spells.Count && spells[i].From < to; i++)
        {
            var start = Later(spells[i].From, from);
            var end = i + 1 < spells.Count ? Earlier(spells[i + 1].From, to) : to;
            var use = definition.Classify(spells[i]);
            if (end > start && use != TimeUse.Excluded)
            {
                yield return new UtilizationPiece(spells[i].Region, (end - start).Ticks, use == TimeUse.Deployed, meter.HoursBetween(start, end));
            }
        }
    }

    private static IReadOnlyList<MeterReading> ReadingsOf(IReadOnlyDictionary<string, IReadOnlyList<MeterReading>> readings, VehicleTimeline vehicle) =>
        readings.TryGetValue(vehicle.Id, out var ofVehicle) ? ofVehicle : [];

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The running sums of one group; the vehicles are counted once each however many stretches it adds.</summary>
    private sealed class Sums
    {
        private long deployedTicks;
        private long availableTicks;
        private decimal operatingHours;
        private decimal scheduledHours;
        private string? lastVehicle;
        private int vehicles;

        public void Add(string vehicle, UtilizationPiece piece, ShiftSchedule shifts)
        {
            availableTicks += piece.Ticks;
            deployedTicks += piece.Deployed ? piece.Ticks : 0;
            operatingHours += piece.OperatingHours;
            scheduledHours += (decimal)piece.Ticks / TimeSpan.TicksPerDay * shifts.HoursIn(piece.Region);
            // A vehicle's stretches arrive together, so the last one seen is the only one to compare with.
            if (lastVehicle != vehicle)
            {
                lastVehicle = vehicle;
                vehicles++;
            }
        }

        public UtilizationRow Row(string key) => new(
            key,
            vehicles,
            Hours(deployedTicks),
            Hours(availableTicks),
            FigureMath.Ratio(deployedTicks, availableTicks, 4),
            Math.Round(operatingHours, 2, MidpointRounding.AwayFromZero),
            Math.Round(scheduledHours, 2, MidpointRounding.AwayFromZero),
            FigureMath.Ratio(operatingHours, scheduledHours, 4));

        private static decimal Hours(long ticks) => Math.Round((decimal)ticks / TimeSpan.TicksPerHour, 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>A stretch of one vehicle's available time: where it was, how long (ticks), whether deployed, and the meter hours run in it.</summary>
public readonly record struct UtilizationPiece(string Region, long Ticks, bool Deployed, decimal OperatingHours);
