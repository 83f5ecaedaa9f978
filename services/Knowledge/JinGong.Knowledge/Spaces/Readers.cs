using JinGong.Domain;
using JinGong.Http.Security;
using JinGong.Knowledge.Members;
using Marten;
using JinGong.Knowledge.Pages;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Spaces;

/// <summary>
/// Who is asking, as the spaces' grants see them, and what they may do in a space: read once per request (roles and
/// region from the token, team from the roster's copy) and applied on every read, list, search and command.
/// </summary>
public static class Readers
{
    public static async Task<Reader> OfAsync(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (http.Items[typeof(Reader)] is Reader known)
        {
            return known;
        }

        var id = http.User.Identity?.Name ?? string.Empty;
        var member = id.Length == 0 ? null : await session.LoadAsync<Member>(id, cancellationToken);
        var reader = new Reader(
            id,
            [.. Roles.All.Where(http.User.IsInRole)],
            member is { Active: true } ? member.Team : null,
            http.User.FindFirst(JinGongClaims.Region)?.Value ?? (member is { Active: true } ? member.Region : null));
        http.Items[typeof(Reader)] = reader;
        return reader;
    }

    /// <summary>The space and the caller's level in it; null when there is no such space or the caller may not even read it.</summary>
    public static async Task<(Space Space, AccessLevel Level)?> InSpaceAsync(HttpContext http, IQuerySession session, string spaceId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Space>(spaceId, cancellationToken) is { } space
        && (await OfAsync(http, session, cancellationToken)).LevelIn(space) is > AccessLevel.None and var level
            ? (space, level)
            : null;

    /// <summary>The caller's level in the space of <paramref name="page"/> (none when that space is gone).</summary>
    public static async Task<AccessLevel> LevelForAsync(HttpContext http, IQuerySession session, Page page, CancellationToken cancellationToken) =>
        (await InSpaceAsync(http, session, page.SpaceId, cancellationToken))?.Level ?? AccessLevel.None;

    /// <summary>What the space of page <paramref name="pageId"/> says of the caller's commands on it (no access when there is no such page).</summary>
    public static async Task<SpaceTerms> TermsForPageAsync(HttpContext http, IQuerySession session, string pageId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Page>(pageId, cancellationToken) is { } page && await InSpaceAsync(http, session, page.SpaceId, cancellationToken) is { } found
            ? new SpaceTerms(found.Level, found.Space.ReviewRequired, (await OfAsync(http, session, cancellationToken)).Team)
            : new SpaceTerms(AccessLevel.None, false);

    /// <summary>The spaces the caller may read: what lists and searches are limited to.</summary>
    public static async Task<string[]> ReadableSpacesAsync(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var reader = await OfAsync(http, session, cancellationToken);
        return [.. (await session.Query<Space>().ToListAsync(cancellationToken)).Where(space => reader.LevelIn(space) >= AccessLevel.Read).Select(space => space.Id)];
    }

    /// <summary>
    /// A page of a space the caller may not read is, to them, not there (404): its title is not theirs to learn either. Nor
    /// is a page not published yet, but to those who may edit it.
    /// </summary>
    public static async Task<DomainError?> PageRefusalAsync(HttpContext http, IQuerySession session, Page page, CancellationToken cancellationToken) =>
        await LevelForAsync(http, session, page, cancellationToken) >= (page.Published ? AccessLevel.Read : AccessLevel.Edit) ? null : Pages.PageDecider.NotFound(page.Id);

    /// <summary>As above, for page <paramref name="pageId"/>, which may not be there at all.</summary>
    public static async Task<DomainError?> PageRefusalAsync(HttpContext http, IQuerySession session, string pageId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Page>(pageId, cancellationToken) is { } page ? await PageRefusalAsync(http, session, page, cancellationToken) : PageDecider.NotFound(pageId);

    /// <summary>Page <paramref name="pageId"/> and the caller's level in its space, for commands on what hangs on it; null when there is no such page.</summary>
    public static async Task<PageAccess?> PageAccessAsync(HttpContext http, IQuerySession session, string pageId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Page>(pageId, cancellationToken) is { } page
            ? new PageAccess(page.SpaceId, page.Published, await LevelForAsync(http, session, page, cancellationToken))
            : null;

    /// <summary>As above, for a space.</summary>
    public static async Task<DomainError?> SpaceRefusalAsync(HttpContext http, IQuerySession session, Space space, CancellationToken cancellationToken) =>
        (await OfAsync(http, session, cancellationToken)).LevelIn(space) >= AccessLevel.Read ? null : SpaceDecider.NotFound(space.Id);
}
