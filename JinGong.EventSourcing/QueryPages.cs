using JinGong.Http;
using Marten;
using Marten.Pagination;

namespace JinGong.EventSourcing;

/// <summary>Lists read a page of a store's documents at a time.</summary>
public static class QueryPages
{
    /// <summary>Page <paramref name="page"/> of <paramref name="query"/> (ordered already), with the total of all its items.</summary>
    public static Task<Page<T>> PageAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken) =>
        query.PageAsync(page, pageSize, item => item, cancellationToken);

    /// <summary>As above, each item as clients read it (<paramref name="view"/>).</summary>
    public static async Task<Page<TView>> PageAsync<T, TView>(this IQueryable<T> query, int page, int pageSize, Func<T, TView> view, CancellationToken cancellationToken)
    {
        var found = await query.ToPagedListAsync(page, pageSize, cancellationToken);
        return new Page<TView>([.. found.Select(view)], page, pageSize, found.TotalItemCount);
    }
}
