using JinGong.Domain;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Pages.Reading;

public static class GetPageEndpoint
{
    public static RouteGroupBuilder MapGetPage(this RouteGroupBuilder pages)
    {
        pages.MapGet("/{id}", GetAsync)
            .WithName("GetPage")
            .SendsETag()
            .WithSummary("A page with its last published revision (now, or as it read ?asOf= a moment), or with revision ?revision= N; its stream version as ETag");
        return pages;
    }

    private static async Task<Results<Ok<PageView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken, DateTimeOffset? asOf = null, int? revision = null)
    {
        var errors = new FieldErrors()
            .Check("revision", revision is null or >= 1, $"Revisions count from 1.")
            .Check("asOf", asOf is null || revision is null, $"Ask for a moment or a revision, not both.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var (page, version) = await PageReads.CurrentAsync(http, session, id, cancellationToken);
        if (page is null)
        {
            return Problems.From(PageDecider.NotFound(id));
        }

        http.Response.SetStreamVersion(version);
        if (revision is { } number)
        {
            return page.RevisionNumbered(number) is { } shown
                ? TypedResults.Ok(PageView.Showing(page, shown, version))
                : Problems.From(PageDecider.RevisionNotFound(id, number));
        }

        if (asOf is not { } moment)
        {
            return TypedResults.Ok(PageView.From(page, version));
        }

        // The page as it read then: its events that had occurred by that moment, folded.
        var events = (await session.Events.FetchStreamAsync(id, token: cancellationToken))
            .Where(e => ((IPageEvent)e.Data).OccurredAt <= moment).ToList();
        return events.Aggregate((Page?)null, (state, e) => Page.Evolve(state, e.Data)) is { } then
            ? TypedResults.Ok(PageView.From(then, events.Count))
            : Problems.From(new DomainError("not-there-yet", $"Page {id} did not exist yet at {moment:O}.", ErrorKind.NotFound));
    }
}
