using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Spaces.Creating;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Pages.Reading;

/// <summary>A page's draft as its editors and approvers read it (none: the page reads as published), with the page's stream version.</summary>
public sealed record DraftView(string PageId, Draft? Draft, long Version);

public static class GetDraftEndpoint
{
    public static RouteGroupBuilder MapGetDraft(this RouteGroupBuilder pages)
    {
        pages.MapGet("/{id}/draft", GetAsync)
            .WithName("GetPageDraft")
            .SendsETag()
            .WithSummary("A page's draft, if it has one — its text not yet published, whether it awaits review and why it was last sent back — for those who may edit the page")
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
        return pages;
    }

    private static async Task<Results<Ok<DraftView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var (page, version) = await PageReads.CurrentAsync(http, session, id, cancellationToken);
        if (page is null)
        {
            return Problems.From(PageDecider.NotFound(id));
        }

        // Drafts are their editors' work in progress: readers see what is published.
        if (await Readers.LevelForAsync(http, session, page, cancellationToken) < AccessLevel.Edit)
        {
            return Problems.From(PageDecider.NotAnEditor(page.SpaceId));
        }

        http.Response.SetStreamVersion(version);
        return TypedResults.Ok(new DraftView(page.Id, page.Draft, version));
    }
}
