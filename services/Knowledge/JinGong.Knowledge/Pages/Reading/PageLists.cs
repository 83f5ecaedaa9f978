using JinGong.Http;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Pages.Reading;

/// <summary>
/// A list of what is on or about one page (its attachments, the pages linking to it): a page of it at a time, and a 404
/// when there is no such page or the caller may not read it.
/// </summary>
public static class PageLists
{
    public static async Task<Results<Ok<Page<T>>, ValidationProblem, ProblemHttpResult>> OfPageAsync<T>(
        HttpContext http, IQuerySession session, string pageId, int page, int pageSize, Func<Task<Page<T>>> list, CancellationToken cancellationToken)
    {
        if (JinGong.Http.Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        return await Readers.PageRefusalAsync(http, session, pageId, cancellationToken) is { } refusal
            ? Problems.From(refusal)
            : TypedResults.Ok(await list());
    }
}
