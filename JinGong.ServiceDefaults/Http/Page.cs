using System.Linq.Expressions;
using Marten;
using Marten.Pagination;

namespace JinGong.ServiceDefaults.Http;

/// <summary>One page of a list, saying how many items there are in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

public static class Page
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static Dictionary<string, string[]> Validate(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["Pages are numbered from 1."];
        }

        if (pageSize is < 1 or > MaxSize)
        {
            errors["pageSize"] = [$"A page holds 1 to {MaxSize} items."];
        }

        return errors;
    }

    /// <summary>Page <paramref name="page"/> of <paramref name="query"/> (ordered already), with the total of all its items.</summary>
    public static Task<Page<T>> OfAsync<T>(IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken) =>
        OfAsync(query, page, pageSize, item => item, cancellationToken);

    /// <summary>As above, each item as clients read it (<paramref name="view"/>).</summary>
    public static async Task<Page<TView>> OfAsync<T, TView>(IQueryable<T> query, int page, int pageSize, Func<T, TView> view, CancellationToken cancellationToken)
    {
        var found = await query.ToPagedListAsync(page, pageSize, cancellationToken);
        return new Page<TView>([.. found.Select(view)], page, pageSize, found.TotalItemCount);
    }

    /// <summary>The query narrowed by <paramref name="predicate"/> when a filter <paramref name="value"/> was given, as it is otherwise.</summary>
    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Expression<Func<T, bool>> predicate) =>
        value is null ? query : query.Where(predicate);
}
