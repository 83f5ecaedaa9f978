namespace JinGong.Domain.Figures;

/// <summary>A vehicle's operating-hours meter read <paramref name="Hours"/> at <paramref name="At"/>.</summary>
public sealed record MeterReading(DateTimeOffset At, decimal Hours);

/// <summary>
/// The meter as the readings taken by <c>asOf</c> tell it: between two readings it ran evenly (so a batch or a gap that
/// spans a period's bound is split in proportion to time); before the first and after the last known reading it
/// says nothing more. Readings are in time order.
/// </summary>
public readonly struct Meter
{
    private readonly IReadOnlyList<MeterReading> readings;
    private readonly int known;

    public Meter(IReadOnlyList<MeterReading> readings, DateTimeOffset asOf)
    {
        this.readings = readings;
        known = LastAtOrBefore(readings, readings.Count, asOf) + 1;
    }

    public decimal HoursBetween(DateTimeOffset start, DateTimeOffset end) => known == 0 ? 0m : At(end) - At(start);

    private decimal At(DateTimeOffset instant)
    {
        var i = LastAtOrBefore(readings, known, instant);
        if (i < 0)
        {
            return readings[0].Hours;
        }

        if (i == known - 1)
        {
            return readings[i].Hours;
        }

        var (before, after) = (readings[i], readings[i + 1]);
        return before.Hours + ((after.Hours - before.Hours) * (instant - before.At).Ticks / (after.At - before.At).Ticks);
    }

    // The index of the last of the first `count` readings taken at or before the instant; -1 when none was.
    private static int LastAtOrBefore(IReadOnlyList<MeterReading> readings, int count, DateTimeOffset instant)
    {
        var (low, high) = (0, count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (readings[middle].At <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }
}
