using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Records;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Spaces.Creating;
using JinGong.Knowledge.Templates;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Deals;

/// <summary>A deal's process document to open: its title and Markdown body (defaults: the customer, and the deals template). <c>occurredAt</c> defaults to now.</summary>
public sealed record OpenDealDocumentRequest(string? Title, string? Body, DateTimeOffset? OccurredAt);

/// <summary>A proposal sent from the process document, with the text of the revision it pins.</summary>
public sealed record ProposalView(int Revision, string Recipient, string SentBy, DateTimeOffset SentAt, string Title, string Body);

/// <summary>A deal's process document as the deal shows it: the page, its revision count and the proposals sent from it.</summary>
public sealed record DealDocumentView(string PageId, string SpaceId, string Title, int Revisions, IReadOnlyList<ProposalView> Proposals);

/// <summary>
/// A deal from the form to the payment: its opportunity (who, where, what), the orders placed from it, its process
/// document if one was opened (none, too, for who may not read its space), and the timeline of every step.
/// </summary>
public sealed record DealView(
    string OpportunityId, string? Customer, string? Region, string? SalesRep, IReadOnlyList<string> Models, IReadOnlyList<string> OrderIds, DealDocumentView? Document,
    IReadOnlyList<DealStep> Timeline);

/// <summary>
/// Deals [一篇文档伴随整个流程]: a deal's timeline projected from the services' events, and its process document — a page
/// of the space of deals of its region, under <c>deal-{opportunityId}</c>, revised like any page, from which proposals are
/// sent. A deal of another region is not for a reader bound to theirs.
/// </summary>
public static class DealEndpoints
{
    public static readonly ApiTag Tag = new("Deals",
        "A document that follows a deal from the form to the payment [一篇文档伴随整个流程]: the deal's timeline from every service's events, and its process document with the proposals sent.");

    public static RouteGroupBuilder MapDeals(this RouteGroupBuilder api)
    {
        var deals = api.MapGroup("/deals").WithTag(Tag);
        deals.MapGet("/{id}", ReadAsync)
            .WithName("GetDeal")
            .WithSummary("A deal by its opportunity's id (or an order's): who and what, its orders, its process document and proposals, and the timeline of every step from every service");
        deals.MapPost("/{id}/document", OpenDocumentAsync)
            .WithName("OpenDealDocument")
            .WithSummary("Open an opportunity's process document in the space of deals of its region (the space's editors)")
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
        return api;
    }

    public static string DocumentIdOf(string opportunityId) => $"deal-{opportunityId}";

    private static async Task<Results<Ok<DealView>, ProblemHttpResult>> ReadAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var order = await session.LoadAsync<OrderRecord>(OrderRecord.IdOf(id), cancellationToken);
        var opportunityId = order is null ? id : order.OpportunityId ?? id;
        var opportunity = await session.LoadAsync<OpportunityRecord>(OpportunityRecord.IdOf(opportunityId), cancellationToken);
        var orders = opportunity is null ? [.. order is null ? [] : new[] { order }]
            : await session.Query<OrderRecord>().Where(record => record.OpportunityId == opportunityId).ToListAsync(cancellationToken);
        if (opportunity is null && orders.Count == 0)
        {
            return Problems.From(PageDecider.DealNotFound(id));
        }

        var region = opportunity?.Region ?? orders[0].Region;
        if ((await Readers.OfAsync(http, session, cancellationToken)).BoundAwayFrom(region))
        {
            return Problems.OutsideRegion($"Deal {opportunityId}", region);
        }

        var documentId = DocumentIdOf(opportunityId);
        var page = await session.LoadAsync<Page>(documentId, cancellationToken);
        var readable = page is not null && await Readers.PageRefusalAsync(http, session, page, cancellationToken) is null;
        var events = readable ? await session.Events.FetchStreamAsync(documentId, token: cancellationToken) : [];
        return TypedResults.Ok(new DealView(
            opportunityId, opportunity?.Customer ?? orders[0].Customer, region, opportunity?.SalesRep, opportunity?.Models ?? [],
            [.. orders.Select(record => record.OrderId).Order(StringComparer.Ordinal)],
            readable ? DocumentOf(page!) : null,
            DealTimeline.Of(opportunity, orders, events)));
    }

    private static DealDocumentView DocumentOf(Page page) =>
        new(page.Id, page.SpaceId, page.Title, page.Revisions.Count, [.. page.Proposals.Select(proposal => page.RevisionNumbered(proposal.Revision) is { } sent
            ? new ProposalView(proposal.Revision, proposal.Recipient, proposal.SentBy, proposal.SentAt, sent.Title, sent.Body)
            : throw new InvalidOperationException($"Page {page.Id} pins revision {proposal.Revision}, which it does not have."))]);

    private static async Task<Results<Created<PageView>, ValidationProblem, ProblemHttpResult>> OpenDocumentAsync(
        string id, OpenDealDocumentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Title is not null)
        {
            errors.Title(request.Title);
        }

        if (request.Body is not null)
        {
            errors.Body(request.Body);
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var reader = await Readers.OfAsync(http, session, cancellationToken);
        var opportunity = await session.LoadAsync<OpportunityRecord>(OpportunityRecord.IdOf(id), cancellationToken) is { } known && !reader.BoundAwayFrom(known.Region)
            ? known
            : null;
        var space = opportunity is null ? null
            : (await session.Query<Space>().Where(candidate => candidate.Kind == SpaceKind.Deals && candidate.Region == opportunity.Region).ToListAsync(cancellationToken))
                .OrderBy(candidate => candidate.CreatedAt).ThenBy(candidate => candidate.Id, StringComparer.Ordinal).FirstOrDefault();
        var access = space is null ? AccessLevel.None : reader.LevelIn(space);
        var pageId = DocumentIdOf(id);
        var now = clock.GetUtcNow();
        var command = new CreatePage(
            pageId, space?.Id ?? string.Empty, ParentId: null, Parent: null, Position: 0,
            FieldErrors.Trimmed(request.Title) ?? $"{opportunity?.Customer} · {id}", request.Body ?? PageTemplates.Deal.Body, PageText.Author(http),
            new SpaceTerms(access, space?.ReviewRequired ?? false, reader.Team), (request.OccurredAt ?? now).ToUniversalTime(), now, Deal: new DealClaim(id, opportunity, space));
        return await session.StartAsync(
            PagesModule.Pages, pageId, $"/api/knowledge/pages/{pageId}", http, current => PageDecider.Decide(command, current),
            alreadyThere: new("page-already-created", $"Page {pageId} was created already.", JinGong.Domain.ErrorKind.Conflict), cancellationToken);
    }
}
