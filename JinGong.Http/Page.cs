using System.Linq.Expressions;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>One page of a list, saying how many items there are in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

public static class Page
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    /// <summary>Beyond any list of this system (a million pages of the largest size), and far from the offset's overflow.</summary>
    public const int MaxNumber = 1_000_000;

    public static Dictionary<string, string[]> Validate(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > MaxNumber)
        {
            errors["page"] = [Texts.Say($"Pages are numbered from 1 to {MaxNumber}.")];
        }

        if (pageSize is < 1 or > MaxSize)
        {
            errors["pageSize"] = [Texts.Say($"A page holds 1 to {MaxSize} items.")];
        }

        return errors;
    }

    /// <summary>The query narrowed by <paramref name="predicate"/> when a filter <paramref name="value"/> was given, as it is otherwise.</summary>
    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Expression<Func<T, bool>> predicate) =>
        value is null ? query : query.Where(predicate);
}
