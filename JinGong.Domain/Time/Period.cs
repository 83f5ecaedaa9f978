using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace JinGong.Domain.Time;

/// <summary>The calendar units a range of days can be broken into.</summary>
public enum PeriodUnit
{
    Day,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A period of China's calendar: a month (<c>2026-11</c>), a quarter (<c>2026-Q4</c>), a year (<c>2026</c>), a day
/// (<c>2026-11-05</c>) or any run of days between two of them, from its first day to its last, both included.
/// </summary>
public sealed partial record Period(DateOnly First, DateOnly Last, string Name)
{
    public bool Contains(DateOnly date) => First <= date && date <= Last;

    /// <summary>The instant the period begins: midnight of its first day in China.</summary>
    public DateTimeOffset Start => ChinaTime.StartOf(First);

    /// <summary>The instant the period is over: midnight in China after its last day (excluded).</summary>
    public DateTimeOffset End => ChinaTime.StartOf(Last.AddDays(1));

    public static Period Day(DateOnly date) => new(date, date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static Period Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new Period(first, first.AddMonths(1).AddDays(-1), first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    public static Period Quarter(int year, int quarter)
    {
        var first = new DateOnly(year, (3 * (quarter - 1)) + 1, 1);
        return new Period(first, first.AddMonths(3).AddDays(-1), $"{year:D4}-Q{quarter}");
    }

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"{year:D4}");

    public static Period MonthOf(DateOnly date) => Month(date.Year, date.Month);

    /// <summary>The day, month, quarter or year <paramref name="date"/> falls in.</summary>
    public static Period Of(DateOnly date, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => Day(date),
        PeriodUnit.Month => MonthOf(date),
        PeriodUnit.Quarter => Quarter(date.Year, ((date.Month - 1) / 3) + 1),
        PeriodUnit.Year => Year(date.Year),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "A period is a day, month, quarter or year."),
    };

    /// <summary>
    /// The days from <paramref name="first"/> to <paramref name="last"/>, named <c>2026-11-05..2026-11-20</c>; a single
    /// day or an exact calendar period keeps that period's own name.
    /// </summary>
    public static Period Between(DateOnly first, DateOnly last)
    {
        if (first > last)
        {
            throw new ArgumentException($"The period ends ({last:O}) before it starts ({first:O}).", nameof(last));
        }

        foreach (var unit in Enum.GetValues<PeriodUnit>())
        {
            if (Of(first, unit) is { } whole && whole.First == first && whole.Last == last)
            {
                return whole;
            }
        }

        return new Period(first, last, $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}");
    }

    /// <summary>
    /// This period cut into consecutive days, months, quarters or years; the first and last pieces are cut to this
    /// period's bounds when it does not start or end on the unit's bounds.
    /// </summary>
    public IEnumerable<Period> Split(PeriodUnit unit)
    {
        for (var first = First; first <= Last;)
        {
            var whole = Of(first, unit);
            var last = whole.Last < Last ? whole.Last : Last;
            yield return Between(first, last);
            first = last.AddDays(1);
        }
    }

    /// <summary>A month, quarter or year named as in <see cref="Format"/>: the periods objectives and most figures are set for.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Period? period) => TryParse(text, withDays: false, out period);

    /// <summary>A month, quarter or year, and with <paramref name="withDays"/> also a day (<see cref="FormatWithDays"/>).</summary>
    public static bool TryParse(string? text, bool withDays, [NotNullWhen(true)] out Period? period)
    {
        period = null;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or > 9998)
        {
            return false;
        }

        if (match.Groups["day"].Success)
        {
            period = withDays && DateOnly.TryParseExact(match.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Day(date) : null;
        }
        else if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            period = month is >= 1 and <= 12 ? Month(year, month) : null;
        }
        else if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            period = quarter is >= 1 and <= 4 ? Quarter(year, quarter) : null;
        }
        else
        {
            period = Year(year);
        }

        return period is not null;
    }

    public static FormattableString Format => $"a month (2026-11), a quarter (2026-Q4) or a year (2026)";

    public static FormattableString FormatWithDays => $"a day (2026-11-05), a month (2026-11), a quarter (2026-Q4) or a year (2026)";

    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?:(?<month>\d{2})(?:-(?<day>\d{2}))?|Q(?<quarter>\d)))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
