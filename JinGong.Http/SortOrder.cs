namespace JinGong.Http;

/// <summary>
/// How a list is sorted: <c>?sort=column</c>, or <c>?sort=-column</c> for descending, as the console keeps it in the
/// address. Checked against the columns the list offers, so an unknown one is a 400 that names them, never a silent default.
/// </summary>
public sealed record SortOrder(string Column, bool Descending)
{
    /// <summary>The order asked for, or <paramref name="fallback"/> ascending when none was.</summary>
    public static SortOrder Parse(string? sort, string fallback)
    {
        var asked = sort?.Trim() ?? string.Empty;
        var descending = asked.StartsWith('-');
        var column = descending ? asked[1..] : asked;
        // A lone "-" names no column: refused like any other, not taken for the default.
        return new(asked.Length == 0 ? fallback : column.ToLowerInvariant(), descending);
    }

    /// <summary>Adds a <c>sort</c> error to <paramref name="errors"/> unless the order names one of <paramref name="columns"/>.</summary>
    public void CheckAgainst(IReadOnlyCollection<string> columns, IDictionary<string, string[]> errors)
    {
        if (!columns.Contains(Column))
        {
            errors["sort"] = [$"Sort by one of {string.Join(", ", columns)}; put - before it for descending order."];
        }
    }
}
