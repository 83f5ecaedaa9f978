using JinGong.Http;
using Marten;

namespace JinGong.Knowledge.Pages.Writing;

/// <summary>What every page write checks of what it is sent, and reads beside it.</summary>
public static class PageText
{
    /// <summary>A long rule or manual fits; a whole book does not belong on one page.</summary>
    public const int MaxBodyLength = 100_000;

    public const int MaxPosition = 10_000;

    /// <summary>Why a draft goes back: a note, not a second page.</summary>
    public const int MaxReasonLength = 2_000;

    public static FieldErrors Title(this FieldErrors errors, string? title) => errors.Required("title", title);

    public static FieldErrors Body(this FieldErrors errors, string? body) =>
        errors.Check("body", body is not null, $"The body is required (it may be empty).")
            .Check("body", body is null || body.Length <= MaxBodyLength, $"The body has at most {MaxBodyLength} characters.");

    public static FieldErrors Position(this FieldErrors errors, int? position) =>
        errors.Check("position", position is null or >= 0 and <= MaxPosition, $"The position is a whole number from 0 to {MaxPosition}.");

    /// <summary>Who published: the signed-in person (the token's subject).</summary>
    public static string Author(HttpContext http) => http.User.Identity?.Name ?? string.Empty;

    /// <summary>
    /// The page <paramref name="parentId"/> and the line of pages above it up to the top of its space, or null when there
    /// is no such page: what a page put under it must not be one of.
    /// </summary>
    public static async Task<ParentLine?> ParentLineAsync(IQuerySession session, string parentId, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Page>(parentId, cancellationToken) is not { } parent)
        {
            return null;
        }

        var space = (await session.Query<Page>().Where(page => page.SpaceId == parent.SpaceId).ToListAsync(cancellationToken))
            .ToDictionary(page => page.Id, StringComparer.Ordinal);
        var line = new List<string>();
        // Each step goes up; a page is never under itself (the decider sees to it), so the walk ends at the top.
        for (var page = parent; page is not null; page = page.ParentId is { } up ? space.GetValueOrDefault(up) : null)
        {
            line.Add(page.Id);
        }

        return new ParentLine(parent.SpaceId, line);
    }
}
