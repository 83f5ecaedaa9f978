using JinGong.Http;
using JinGong.Knowledge.Pages.Reading;
using JinGong.Knowledge.Spaces;
using Marten;
using Marten.Linq.MatchesSql;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Links;

/// <summary>A page that links to what was asked about: its title and its space (id and name).</summary>
public sealed record LinkingPage(string PageId, string Title, string SpaceId, string SpaceName);

public static class LinkEndpoints
{
    public static RouteGroupBuilder MapBacklinks(this RouteGroupBuilder pages)
    {
        pages.MapGet("/{id}/backlinks", BacklinksAsync)
            .WithName("ListPageBacklinks")
            .WithSummary("The pages whose current revision links to this page, by title, a page at a time");
        return pages;
    }

    public static RouteGroupBuilder MapMentions(this RouteGroupBuilder links)
    {
        links.MapGet("/", MentionsAsync)
            .WithName("ListPagesLinkingTo")
            .WithSummary("The pages whose current revision links to ?to= a record or page (vehicle:JG-MT-0012, order:ORD-…, opportunity:OPP-…, model:MT-90E, page:PAGE-…), by title, a page at a time");
        return links;
    }

    private static Task<Results<Ok<JinGong.Http.Page<LinkingPage>>, ValidationProblem, ProblemHttpResult>> BacklinksAsync(
        string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken, int page = 1, int pageSize = JinGong.Http.Page.DefaultSize) =>
        PageLists.OfPageAsync(http, session, id, page, pageSize, () => LinkingAsync(http, session, new LinkTarget(LinkKind.Page, id.ToUpperInvariant()), page, pageSize, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<JinGong.Http.Page<LinkingPage>>, ValidationProblem>> MentionsAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken, string? to = null, int page = 1, int pageSize = JinGong.Http.Page.DefaultSize)
    {
        var target = LinkTarget.Parse(to);
        var errors = new FieldErrors()
            .Required("to", to)
            .Check("to", to is null || target is not null, $"Name what is linked to as kind:id, the kind one of page, vehicle, order, opportunity, model (vehicle:JG-MT-0012).");
        foreach (var (field, messages) in JinGong.Http.Page.Validate(page, pageSize))
        {
            errors.Errors[field] = messages;
        }

        return errors.Any ? Problems.Validation(errors.Errors) : TypedResults.Ok(await LinkingAsync(http, session, target!, page, pageSize, cancellationToken));
    }

    private static async Task<JinGong.Http.Page<LinkingPage>> LinkingAsync(HttpContext http, IQuerySession session, LinkTarget target, int page, int pageSize, CancellationToken cancellationToken)
    {
        // The array is one parameter; the GIN index on the targets answers "holds this one".
        // Only pages the caller may read: the others are not there for them.
        var readable = await Readers.ReadableSpacesAsync(http, session, cancellationToken);
        var linking = await session.Query<PageLinks>()
            .Where(links => links.MatchesSql("targets @> ?", (object)new[] { target.ToString() }))
            .Where(links => readable.Contains(links.SpaceId))
            .OrderBy(links => links.Title).ThenBy(links => links.Id)
            .ToPagedListAsync(page, pageSize, cancellationToken);
        var spaces = (await session.LoadManyAsync<Space>(cancellationToken, linking.Select(links => links.SpaceId).Distinct()))
            .ToDictionary(space => space.Id, space => space.Name, StringComparer.Ordinal);
        return new([.. linking.Select(links => new LinkingPage(links.Id, links.Title, links.SpaceId, spaces.GetValueOrDefault(links.SpaceId, string.Empty)))],
            page, pageSize, linking.TotalItemCount);
    }
}
