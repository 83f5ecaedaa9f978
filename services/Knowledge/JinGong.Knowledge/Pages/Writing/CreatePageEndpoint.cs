using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Pages.Writing;

/// <summary>
/// A new page of a space with its first revision: title and Markdown body, under <c>parentId</c> (none: at the top) at
/// <c>position</c> among its siblings (default 0). <c>occurredAt</c> defaults to now.
/// </summary>
public sealed record CreatePageRequest(string? Title, string? Body, string? ParentId, int? Position, DateTimeOffset? OccurredAt);

public static class CreatePageEndpoint
{
    public static RouteGroupBuilder MapCreatePage(this RouteGroupBuilder spaces)
    {
        spaces.MapPost("/{id}/pages", CreateAsync)
            .WithName("CreatePage")
            .WithSummary("Write a new page in a space, publishing its first revision (the space's editors)")
            .RequireRoles([.. Spaces.Creating.CreateSpaceEndpoint.EditingRoles]);
        return spaces;
    }

    private static async Task<Results<Created<PageView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, CreatePageRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Title(request.Title).Body(request.Body).Position(request.Position).OptionalId("parentId", request.ParentId);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (await Readers.InSpaceAsync(http, session, id, cancellationToken) is not { } found)
        {
            return Problems.From(SpaceDecider.NotFound(id));
        }

        var (space, access) = found;

        var parentId = FieldErrors.Trimmed(request.ParentId);
        var parent = parentId is null ? null : await PageText.ParentLineAsync(session, parentId, cancellationToken);
        var now = clock.GetUtcNow();
        return await session.UnderNewIdAsync(http, "PAGE", (attempt, pageId) =>
        {
            var command = new CreatePage(
                pageId, space.Id, parentId, parent, request.Position ?? 0, request.Title!.Trim(), request.Body!, PageText.Author(http), new SpaceTerms(access, space.ReviewRequired),
                (request.OccurredAt ?? now).ToUniversalTime(), now);
            return attempt.StartAsync(
                PagesModule.Pages, pageId, $"/api/knowledge/pages/{pageId}", http, current => PageDecider.Decide(command, current), alreadyThere: null, cancellationToken);
        });
    }
}
