using JinGong.Knowledge.Spaces;
using Marten;

namespace JinGong.Knowledge.Pages.Reading;

internal static class PageReads
{
    /// <summary>
    /// The page as its inline projection keeps it, and its stream's version; null when there is no such page or the
    /// caller may not read its space.
    /// </summary>
    public static async Task<(Page? Page, long Version)> CurrentAsync(HttpContext http, IQuerySession session, string id, CancellationToken cancellationToken) =>
        await session.Events.FetchStreamStateAsync(id, cancellationToken) is { } stream && await session.LoadAsync<Page>(id, cancellationToken) is { } page
        && await Readers.PageRefusalAsync(http, session, page, cancellationToken) is null
            ? (page, stream.Version)
            : (null, 0);
}
