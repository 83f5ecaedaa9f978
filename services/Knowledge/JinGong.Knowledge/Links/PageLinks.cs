using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Knowledge.Pages;

namespace JinGong.Knowledge.Links;

/// <summary>
/// Where a page links to as its current revision reads: the targets <see cref="LinkParser"/> finds in it, written
/// <c>kind:id</c> (kept in a column of their own with a GIN index, so that "the pages linking to X" is one index scan),
/// with the page's title and space to show beside a backlink.
/// </summary>
public sealed record PageLinks([property: Identity] string Id, string SpaceId, string Title, string[] Targets) : IEvolving<PageLinks>
{
    [JasperFxIgnore]
    public static PageLinks? Evolve(PageLinks? state, object @event) => (state, @event) switch
    {
        (_, PageCreated created) => new(created.PageId, created.SpaceId, string.Empty, []),
        (null, IPageEvent) => null,
        (_, PageRevisionPublished published) => state.Reading(published.Title, published.Body),
        (_, PageRevisionRestored restored) => state.Reading(restored.Title, restored.Body),
        (_, PageRenamed renamed) => state with { Title = renamed.Title },
        // Drafts link nothing until they are published.
        (_, PageMoved or PageDraftSaved or PageDraftSubmitted or PageDraftApproved or PageDraftReturned or PageDraftDiscarded or ProposalSent) => state,
        _ => throw new UnknownEventException(typeof(PageLinks), @event),
    };

    private PageLinks Reading(string title, string body) =>
        this with { Title = title, Targets = [.. LinkParser.Links(body).Select(target => target.ToString())] };
}
