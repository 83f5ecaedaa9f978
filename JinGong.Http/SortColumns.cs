using System.Linq.Expressions;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>
/// The columns a list sorts by: <c>?sort=column</c>, or <c>?sort=-column</c> for descending, as the console keeps it in
/// the address; names are compared without regard to case. An unknown column is a 400 that names the known ones, never
/// a silent default. Every order ends with the record's identity, so that pages never overlap or skip a record.
/// </summary>
public sealed class SortColumns<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> names = [];
    private readonly string identityName;
    private readonly Expression<Func<T, string>> identity;
    private readonly string fallback;

    /// <param name="identityName">The column of the record's identity (<c>code</c>, <c>id</c>).</param>
    /// <param name="fallback">The order when none is asked for: a column, <c>-</c> before it for descending.</param>
    public SortColumns(string identityName, Expression<Func<T, string>> identity, string fallback)
    {
        (this.identityName, this.identity, this.fallback) = (identityName, identity, fallback);
        By(identityName, identity);
    }

    public IReadOnlyList<string> Names => names;

    public SortColumns<T> By<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        columns[name] = (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key);
        names.Add(name);
        return this;
    }

    /// <summary>Adds a <c>sort</c> error to <paramref name="errors"/> unless <paramref name="sort"/> is empty or names a column.</summary>
    public void Check(string? sort, IDictionary<string, string[]> errors)
    {
        if (!columns.ContainsKey(Parse(sort).Column))
        {
            errors["sort"] = [Texts.Say($"Sort by one of {string.Join(", ", names)}; put - before it for descending order.")];
        }
    }

    /// <summary><paramref name="query"/> in the order <paramref name="sort"/> asks for (checked first), then by identity.</summary>
    public IQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        var (column, descending) = Parse(sort);
        var sorted = columns[column](query, descending);
        return string.Equals(column, identityName, StringComparison.OrdinalIgnoreCase) ? sorted : sorted.ThenBy(identity);
    }

    private (string Column, bool Descending) Parse(string? sort)
    {
        // A lone "-" names no column: refused like any other, not taken for the default.
        var asked = string.IsNullOrWhiteSpace(sort) ? fallback : sort.Trim();
        return asked.StartsWith('-') ? (asked[1..], true) : (asked, false);
    }
}
