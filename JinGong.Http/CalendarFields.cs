using System.Globalization;
using JinGong.Domain.Time;

namespace JinGong.Http;

/// <summary>Periods and moments named in a query string, read one way for every figure so they are refused alike.</summary>
public static class CalendarFields
{
    /// <summary>
    /// The period <paramref name="text"/> names (required): a month, quarter or year, and a day too <paramref name="withDays"/>;
    /// null, with the field's error noted, when it names none.
    /// </summary>
    public static Period? ParsePeriod(this FieldErrors errors, string field, string? text, bool withDays = false)
    {
        var known = Period.TryParse(text, withDays, out var period);
        errors.Required(field, text).Check(field, text is null || known, $"The {field} is {(withDays ? Period.FormatWithDays : Period.Format)}.");
        return period;
    }

    /// <summary>
    /// The days from the first of <paramref name="from"/> to the last of <paramref name="to"/> (each a day or any period),
    /// running forward and at most <paramref name="maxYears"/> years long.
    /// </summary>
    public static Period? ParseRange(this FieldErrors errors, string? from, string? to, int maxYears)
    {
        var first = errors.ParsePeriod("from", from, withDays: true);
        var last = errors.ParsePeriod("to", to, withDays: true);
        if (first is null || last is null)
        {
            return null;
        }

        errors.Check("to", first.First <= last.Last, "The range ends after it starts: 'to' is not before 'from'.")
            .Check("to", last.Last < first.First.AddYears(maxYears), $"The range spans {maxYears} years at most.");
        return errors.Any ? null : Period.Between(first.First, last.Last);
    }

    /// <summary>
    /// The moment a figure is asked as of (<paramref name="text"/>): a date (<c>2026-11-30</c>) is the end of that day in China,
    /// so everything that happened on it counts; an instant (<c>2026-11-30T12:00:00+08:00</c>, UTC when it names no offset)
    /// is taken as it is. Now when absent, and never later than now: what has not happened yet is not known.
    /// </summary>
    public static DateTimeOffset ParseAsOf(this FieldErrors errors, string? text, DateTimeOffset now)
    {
        DateTimeOffset? asOf = text switch
        {
            null => now,
            _ when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => ChinaTime.StartOf(day.AddDays(1)),
            _ when DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => instant.ToUniversalTime(),
            _ => null,
        };
        errors.Check("asOf", asOf is not null, "The asOf is a date (2026-11-30, the end of that day in China) or an instant (2026-11-30T12:00:00+08:00).");
        return asOf is { } known && known < now ? known : now;
    }
}
