using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Knowledge.Pages;

namespace JinGong.Knowledge.Search;

/// <summary>
/// What a page is found by: its title and the text of its last revision, and the tokens <see cref="Segmenter"/> cuts
/// them into (kept in a column of their own with a GIN index, so that "holds every token of the query" is one index scan).
/// A page not published yet (its drafts awaiting review) has no tokens: nobody finds it.
/// </summary>
public sealed record PageSearch([property: Identity] string Id, string SpaceId, string Title, string Body, string[] Tokens) : IEvolving<PageSearch>
{
    [JasperFxIgnore]
    public static PageSearch? Evolve(PageSearch? state, object @event) => (state, @event) switch
    {
        (_, PageCreated created) => new(created.PageId, created.SpaceId, string.Empty, string.Empty, []),
        (null, IPageEvent) => null,
        (_, PageRevisionPublished published) => state.Reading(published.Title, published.Body),
        (_, PageRevisionRestored restored) => state.Reading(restored.Title, restored.Body),
        (_, PageRenamed renamed) => state.Tokens.Length == 0 && state.Body.Length == 0 ? state : state.Reading(renamed.Title, state.Body),
        (_, PageMoved or PageDraftSaved or PageDraftSubmitted or PageDraftApproved or PageDraftReturned or PageDraftDiscarded or ProposalSent) => state,
        _ => throw new UnknownEventException(typeof(PageSearch), @event),
    };

    private PageSearch Reading(string title, string body) =>
        this with { Title = title, Body = body, Tokens = [.. Segmenter.DocumentTokens(title).Concat(Segmenter.DocumentTokens(body)).Distinct(StringComparer.Ordinal)] };
}
