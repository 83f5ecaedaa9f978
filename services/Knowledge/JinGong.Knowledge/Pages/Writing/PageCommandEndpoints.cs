using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Spaces.Creating;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Pages.Writing;

/// <summary>A new revision of a page: its title and Markdown body as they read from now on.</summary>
public sealed record PublishRevisionRequest(string? Title, string? Body, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record RenamePageRequest(string? Title, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Where a page goes: under <c>parentId</c> (none: the top of its space), at <c>position</c> among its siblings.</summary>
public sealed record MovePageRequest(string? ParentId, int? Position, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The revision to publish again, as a new revision.</summary>
public sealed record RestoreRevisionRequest(int? Revision, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>What a page command is made of: the page, the request, who sends it, the parent line it names (if any) and its times.</summary>
public sealed record PageCommandInput<TRequest>(
    string PageId, TRequest Request, string Author, ParentLine? Parent, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// The commands on a page, each decided with what the caller may do in its space and taking the one command path (load → decide → append
/// at the version decided on, <c>If-Match</c> and <c>Idempotency-Key</c> honoured).
/// </summary>
public static class PageCommandEndpoints
{
    public static RouteGroupBuilder MapPageCommands(this RouteGroupBuilder pages)
    {
        pages.MapPageCommand<PublishRevisionRequest>(
            "/{id}/revisions", "PublishPageRevision",
            request => new FieldErrors().Title(request.Title).Body(request.Body), _ => null,
            input => new PublishRevision(input.PageId, input.Request.Title!.Trim(), input.Request.Body!, input.Author, input.Access, input.OccurredAt, input.Now))
            .WithSummary("Publish a new revision of a page: what readers see from now on");

        pages.MapPageCommand<RenamePageRequest>(
            "/{id}/title", "RenamePage",
            request => new FieldErrors().Title(request.Title), _ => null,
            input => new RenamePage(input.PageId, input.Request.Title!.Trim(), input.Access, input.OccurredAt, input.Now))
            .WithSummary("Give a page another title, its text unchanged");

        pages.MapPageCommand<MovePageRequest>(
            "/{id}/place", "MovePage",
            request => new FieldErrors().Position(request.Position).OptionalId("parentId", request.ParentId), request => FieldErrors.Trimmed(request.ParentId),
            input => new MovePage(input.PageId, FieldErrors.Trimmed(input.Request.ParentId), input.Parent, input.Request.Position ?? 0, input.Access, input.OccurredAt, input.Now))
            .WithSummary("Move a page under another parent of its space (or to the top), or to another place among its siblings");

        pages.MapPageCommand<RestoreRevisionRequest>(
            "/{id}/restoration", "RestorePageRevision",
            request => new FieldErrors().Required("revision", request.Revision)
                .Check("revision", request.Revision is null or >= 1, $"Revisions count from 1."),
            _ => null,
            input => new RestoreRevision(input.PageId, input.Request.Revision!.Value, input.Author, input.Access, input.OccurredAt, input.Now))
            .WithSummary("Publish an old revision again, as a new revision");
        return pages;
    }

    /// <param name="parentOf">The page a request puts the page under, looked up once it is valid (none for commands that do not move it).</param>
    private static RouteHandlerBuilder MapPageCommand<TRequest>(
        this RouteGroupBuilder pages, string pattern, string name, Func<TRequest, FieldErrors> validate, Func<TRequest, string?> parentOf,
        Func<PageCommandInput<TRequest>, PageCommand> command)
        where TRequest : ICommandRequest =>
        pages.MapPost(pattern, async Task<Results<Ok<PageView>, ValidationProblem, ProblemHttpResult>> (
                string id, TRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var errors = validate(request);
                var access = errors.Any ? AccessLevel.None : await Readers.LevelForPageAsync(http, session, id, cancellationToken);
                var parent = !errors.Any && parentOf(request) is { } parentId ? await PageText.ParentLineAsync(session, parentId, cancellationToken) : null;
                return await session.DecideAsync(PagesModule.Pages, id, errors, http, state =>
                {
                    // Read once the stream is loaded, as the shared command endpoints do.
                    var now = clock.GetUtcNow();
                    return PageDecider.Decide(command(new(id, request, PageText.Author(http), parent, access, (request.OccurredAt ?? now).ToUniversalTime(), now)), state);
                }, cancellationToken);
            })
            .WithName(name)
            .HonoursIfMatch()
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
}
