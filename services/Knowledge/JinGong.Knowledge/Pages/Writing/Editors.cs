using JinGong.Domain;
using JinGong.Http.Security;
using JinGong.Knowledge.Spaces;
using Marten;

namespace JinGong.Knowledge.Pages.Writing;

/// <summary>A space's pages are written by the roles it names as editors (docs/access.md), administrators always.</summary>
public static class Editors
{
    /// <summary>Why the caller may not write pages in <paramref name="space"/>, or null when they may.</summary>
    public static DomainError? Refusal(HttpContext http, Space space) =>
        http.User.IsInRole(Roles.Administrator) || space.Editors.Any(http.User.IsInRole)
            ? null
            : new("not-an-editor", $"The pages of space {space.Id} are written by its editors.", ErrorKind.Forbidden);

    /// <summary>As above, for the space of page <paramref name="pageId"/>; null as well when there is no such page (the command says so).</summary>
    public static async Task<DomainError?> RefusalForPageAsync(HttpContext http, IQuerySession session, string pageId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Page>(pageId, cancellationToken) is { } page && await session.LoadAsync<Space>(page.SpaceId, cancellationToken) is { } space
            ? Refusal(http, space)
            : null;
}
