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

/// <summary>A version of a page's text saved as its draft, not yet published.</summary>
public sealed record SaveDraftRequest(string? Title, string? Body, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The draft version acted on, as the caller read it (a draft saved since is not acted on unseen).</summary>
public sealed record DraftVersionRequest(int? Version, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The draft version sent back to its authors, and why.</summary>
public sealed record ReturnDraftRequest(int? Version, string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record DiscardDraftRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The revision of a deal's process document sent to the customer as the proposal, and to whom.</summary>
public sealed record SendProposalRequest(int? Revision, string? Recipient, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>What a page command is made of: the page, the request, who sends it, the parent line it names (if any) and its times.</summary>
public sealed record PageCommandInput<TRequest>(
    string PageId, TRequest Request, string Author, ParentLine? Parent, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now);

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
            input => new PublishRevision(input.PageId, input.Request.Title!.Trim(), input.Request.Body!, input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Publish a new revision of a page: what readers see from now on");

        pages.MapPageCommand<RenamePageRequest>(
            "/{id}/title", "RenamePage",
            request => new FieldErrors().Title(request.Title), _ => null,
            input => new RenamePage(input.PageId, input.Request.Title!.Trim(), input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Give a page another title, its text unchanged");

        pages.MapPageCommand<MovePageRequest>(
            "/{id}/place", "MovePage",
            request => new FieldErrors().Position(request.Position).OptionalId("parentId", request.ParentId), request => FieldErrors.Trimmed(request.ParentId),
            input => new MovePage(input.PageId, FieldErrors.Trimmed(input.Request.ParentId), input.Parent, input.Request.Position ?? 0, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Move a page under another parent of its space (or to the top), or to another place among its siblings");

        pages.MapPageCommand<RestoreRevisionRequest>(
            "/{id}/restoration", "RestorePageRevision",
            request => new FieldErrors().Required("revision", request.Revision)
                .Check("revision", request.Revision is null or >= 1, $"Revisions count from 1."),
            _ => null,
            input => new RestoreRevision(input.PageId, input.Request.Revision!.Value, input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Publish an old revision again, as a new revision");

        pages.MapPageCommand<SaveDraftRequest>(
            "/{id}/draft", "SavePageDraft",
            request => new FieldErrors().Title(request.Title).Body(request.Body), _ => null,
            input => new SaveDraft(input.PageId, input.Request.Title!.Trim(), input.Request.Body!, input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Save a version of a page's text as its draft, not yet published (its editors)");

        pages.MapPageCommand<DraftVersionRequest>(
            "/{id}/draft/submission", "SubmitPageDraft", DraftVersion, _ => null,
            input => new SubmitDraft(input.PageId, input.Request.Version!.Value, input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Send a page's draft for review, where the space reviews its revisions (its editors)");

        pages.MapPageCommand<DraftVersionRequest>(
            "/{id}/draft/approval", "ApprovePageDraft", DraftVersion, _ => null,
            input => new ApproveDraft(input.PageId, input.Request.Version!.Value, input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Approve a submitted draft, publishing it as the page's next revision (the space's approvers, never its author)");

        pages.MapPageCommand<ReturnDraftRequest>(
            "/{id}/draft/return", "ReturnPageDraft",
            request => DraftVersion(new(request.Version, request.OccurredAt)).Required("reason", request.Reason, PageText.MaxReasonLength), _ => null,
            input => new ReturnDraft(input.PageId, input.Request.Version!.Value, input.Author, input.Request.Reason!.Trim(), input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Send a submitted draft back to its authors, saying why (the space's approvers)");

        pages.MapPageCommand<DraftVersionRequest>(
            "/{id}/draft/publication", "PublishPageDraft", DraftVersion, _ => null,
            input => new PublishDraft(input.PageId, input.Request.Version!.Value, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Publish a page's draft as its next revision, where the space reviews nothing (its editors)");

        pages.MapPageCommand<DiscardDraftRequest>(
            "/{id}/draft/discard", "DiscardPageDraft", _ => new FieldErrors(), _ => null,
            input => new DiscardDraft(input.PageId, input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Throw a page's draft away (its editors)");

        pages.MapPageCommand<SendProposalRequest>(
            "/{id}/proposals", "SendProposal",
            request => new FieldErrors().Required("revision", request.Revision).Check("revision", request.Revision is null or >= 1, $"Revisions count from 1.")
                .Required("recipient", request.Recipient, PageText.MaxReasonLength),
            _ => null,
            input => new SendProposal(input.PageId, input.Request.Revision!.Value, input.Request.Recipient!.Trim(), input.Author, input.Terms, input.OccurredAt, input.Now))
            .WithSummary("Record that a revision of a deal's process document was sent to the customer as the proposal, pinning that text (the space's editors)");
        return pages;
    }

    private static FieldErrors DraftVersion(DraftVersionRequest request) =>
        new FieldErrors().Required("version", request.Version).Check("version", request.Version is null or >= 1, $"Draft versions count from 1.");

    /// <param name="parentOf">The page a request puts the page under, looked up once it is valid (none for commands that do not move it).</param>
    private static RouteHandlerBuilder MapPageCommand<TRequest>(
        this RouteGroupBuilder pages, string pattern, string name, Func<TRequest, FieldErrors> validate, Func<TRequest, string?> parentOf,
        Func<PageCommandInput<TRequest>, PageCommand> command)
        where TRequest : ICommandRequest =>
        pages.MapPost(pattern, async Task<Results<Ok<PageView>, ValidationProblem, ProblemHttpResult>> (
                string id, TRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var errors = validate(request);
                var terms = errors.Any ? new SpaceTerms(AccessLevel.None, false) : await Readers.TermsForPageAsync(http, session, id, cancellationToken);
                var parent = !errors.Any && parentOf(request) is { } parentId ? await PageText.ParentLineAsync(session, parentId, cancellationToken) : null;
                return await session.DecideAsync(PagesModule.Pages, id, errors, http, state =>
                {
                    // Read once the stream is loaded, as the shared command endpoints do.
                    var now = clock.GetUtcNow();
                    return PageDecider.Decide(command(new(id, request, PageText.Author(http), parent, terms, (request.OccurredAt ?? now).ToUniversalTime(), now)), state);
                }, cancellationToken);
            })
            .WithName(name)
            .HonoursIfMatch()
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
}
