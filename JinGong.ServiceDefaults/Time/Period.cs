using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace JinGong.ServiceDefaults.Time;

/// <summary>
/// A calendar period of China's calendar: a month (<c>2026-11</c>), a quarter (<c>2026-Q4</c>) or a year
/// (<c>2026</c>), from its first day to its last, both included.
/// </summary>
public sealed partial record Period(DateOnly First, DateOnly Last, string Name)
{
    public bool Contains(DateOnly date) => First <= date && date <= Last;

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

    public static bool TryParse(string? text, [NotNullWhen(true)] out Period? period)
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

        if (match.Groups["month"].Success)
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

    public const string Format = "a month (2026-11), a quarter (2026-Q4) or a year (2026)";

    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?:(?<month>\d{2})|Q(?<quarter>\d)))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
