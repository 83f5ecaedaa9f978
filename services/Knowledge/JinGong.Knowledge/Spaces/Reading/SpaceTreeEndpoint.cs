using JinGong.Http;
using JinGong.Knowledge.Pages;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Spaces.Reading;

/// <summary>
/// A page in its space's tree: its title, how many revisions it has, whether it has a draft (and whether that awaits
/// review), and the pages under it in their order.
/// </summary>
public sealed record PageNode(
    string Id, string Title, int Position, int Revisions, bool Drafted, bool AwaitingReview, DateTimeOffset LastChangedAt, IReadOnlyList<PageNode> Children);

/// <summary>A space with its pages as a tree, top pages first, and what the caller may do in it.</summary>
public sealed record SpaceTree(SpaceView Space, AccessLevel Access, IReadOnlyList<PageNode> Pages);

public static class SpaceTreeEndpoint
{
    public static RouteGroupBuilder MapSpaceTree(this RouteGroupBuilder spaces)
    {
        spaces.MapGet("/{id}/tree", TreeAsync)
            .WithName("GetSpaceTree")
            .WithSummary("A space with its tree of pages, siblings in their order, and what the caller may do in it");
        return spaces;
    }

    private static async Task<Results<Ok<SpaceTree>, ProblemHttpResult>> TreeAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var state = await session.Events.FetchStreamStateAsync(id, cancellationToken);
        if (state is null || await Readers.InSpaceAsync(http, session, id, cancellationToken) is not { } found)
        {
            return Problems.From(SpaceDecider.NotFound(id));
        }

        var (space, access) = found;

        // A page not published yet is shown to those who may edit it, and is not there for the others.
        var pages = (await session.Query<Page>().Where(page => page.SpaceId == id).ToListAsync(cancellationToken))
            .Where(page => page.Published || access >= AccessLevel.Edit).ToList();
        var children = pages.ToLookup(page => page.ParentId);
        IReadOnlyList<PageNode> Under(string? parent) =>
            [.. children[parent].OrderBy(page => page.Position).ThenBy(page => page.CreatedAt).ThenBy(page => page.Id, StringComparer.Ordinal)
                .Select(page => new PageNode(
                    page.Id, page.Title, page.Position, page.Revisions.Count, page.Draft is not null, page.Draft?.Submitted == true, page.LastOccurredAt, Under(page.Id)))];
        return TypedResults.Ok(new SpaceTree(SpaceView.From(space, state.Version), access, Under(null)));
    }
}
