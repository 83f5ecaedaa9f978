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

    /// <summary>
    /// As above, each item as a single read answers it (<paramref name="kind"/>'s view, with its stream's version): a list
    /// shows what the stream is, not what the aggregate happens to hold. The versions cost one more round trip a page.
    /// </summary>
    /// <param name="streamOf">The stream an item is the state of.</param>
    public static async Task<Page<TView>> PageAsync<TState, TView>(
        this IQueryable<TState> query, IQuerySession session, StreamKind<TState, TView> kind, Func<TState, string> streamOf, int page, int pageSize,
        CancellationToken cancellationToken)
        where TState : class
    {
        var found = await query.ToPagedListAsync(page, pageSize, cancellationToken);
        var batch = session.CreateBatchQuery();
        var streams = found.Select(item => batch.Events.FetchStreamState(streamOf(item))).ToList();
        if (streams.Count > 0)
        {
            await batch.Execute(cancellationToken);
        }

        var views = new List<TView>(streams.Count);
        for (var index = 0; index < streams.Count; index++)
        {
            views.Add(kind.View(found[index], (await streams[index])?.Version ?? 0));
        }

        return new Page<TView>(views, page, pageSize, found.TotalItemCount);
    }
}
