using Marten;

namespace JinGong.Knowledge.Pages.Reading;

internal static class PageReads
{
    /// <summary>The page as its inline projection keeps it, and its stream's version; null when there is no such page.</summary>
    public static async Task<(Page? Page, long Version)> CurrentAsync(IQuerySession session, string id, CancellationToken cancellationToken) =>
        await session.Events.FetchStreamStateAsync(id, cancellationToken) is { } stream && await session.LoadAsync<Page>(id, cancellationToken) is { } page
            ? (page, stream.Version)
            : (null, 0);
}
