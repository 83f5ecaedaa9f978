using System.Globalization;
using JinGong.Domain.Time;

namespace JinGong.Http;

/// <summary>Periods and moments named in a query string, read one way for every figure so they are refused alike.</summary>
public static class CalendarFields
{
    /// <summary>
    /// The days this system's calendar holds. Nothing of its business happened before 1900 or will after 2999, and figures
    /// reach a few years around a date: inside these, no date arithmetic comes near the edges of .NET's calendar.
    /// </summary>
    public static readonly DateOnly FirstDay = new(1900, 1, 1);

    public static readonly DateOnly LastDay = new(2999, 12, 31);

    /// <summary>Notes an error unless <paramref name="date"/> is absent or a day of the calendar this system holds.</summary>
    public static FieldErrors BusinessDate(this FieldErrors errors, string field, DateOnly? date) =>
        errors.Check(field, date is null || (date >= FirstDay && date <= LastDay), $"The {field} is a day from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}.");

    /// <summary>
    /// The period <paramref name="text"/> names (required): a month, quarter or year, and a day too <paramref name="withDays"/>;
    /// null, with the field's error noted, when it names none.
    /// </summary>
    public static Period? ParsePeriod(this FieldErrors errors, string field, string? text, bool withDays = false)
    {
        var known = Period.TryParse(text, withDays, out var period);
        errors.Required(field, text).Check(field, text is null || known, $"The {field} is {(withDays ? Period.FormatWithDays : Period.Format)}.");
        if (period is not null && (period.First < FirstDay || period.Last > LastDay))
        {
            errors.Check(field, false, $"The {field} lies from {FirstDay:yyyy} to {LastDay:yyyy}.");
            return null;
        }

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

        errors.Check("to", first.First <= last.Last, $"The range ends after it starts: 'to' is not before 'from'.")
            .Check("to", last.Last < first.First.AddYears(maxYears), $"The range spans {maxYears} years at most.");
        return errors.Any ? null : Period.Between(first.First, last.Last);
    }

    /// <summary>
    /// The moment a figure is asked as of (<paramref name="text"/>): a date (<c>2026-11-30</c>) is the end of that day in China,
    /// so everything that happened on it counts; an instant (<c>2026-11-30T12:00:00+08:00</c>, UTC when it names no offset)
    /// is taken as it is. Now when absent, and never later than now: what has not happened yet is not known.
    /// </summary>
    public static DateTimeOffset ParseAsOf(this FieldErrors errors, string? text, DateTimeOffset now) =>
        errors.ParseMoment("asOf", text, now) ?? now;

    /// <summary>
    /// The moment of recording a figure is asked as known at (<paramref name="text"/>, read as <see cref="ParseAsOf"/>
    /// reads its moment): what was recorded after it is left out, however early its business time. Null when absent:
    /// everything recorded so far.
    /// </summary>
    public static DateTimeOffset? ParseKnownAt(this FieldErrors errors, string? text, DateTimeOffset now) =>
        text is null ? null : errors.ParseMoment("knownAt", text, now);

    private static DateTimeOffset? ParseMoment(this FieldErrors errors, string field, string? text, DateTimeOffset now)
    {
        DateTimeOffset? moment = text switch
        {
            null => now,
            _ when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                => day >= FirstDay && day <= LastDay ? ChinaTime.StartOf(day.AddDays(1)) : null,
            _ when DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                => DateOnly.FromDateTime(instant.UtcDateTime) is var utcDay && utcDay >= FirstDay && utcDay <= LastDay ? instant.ToUniversalTime() : null,
            _ => null,
        };
        errors.Check(field, moment is not null, $"The {field} is a date (2026-11-30, the end of that day in China) or an instant (2026-11-30T12:00:00+08:00), from {FirstDay:yyyy} to {LastDay:yyyy}.");
        return moment is { } known && known < now ? known : now;
    }
}
