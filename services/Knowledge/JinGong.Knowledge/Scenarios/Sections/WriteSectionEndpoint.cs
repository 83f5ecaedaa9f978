using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Spaces.Creating;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Scenarios.Sections;

/// <summary>The first text of a solution section: its title and Markdown body. <c>occurredAt</c> defaults to now.</summary>
public sealed record WriteSectionRequest(string? Title, string? Body, DateTimeOffset? OccurredAt);

/// <summary>
/// Writes a section of a working condition's solution for the first time: a page of the scenario's space, under the id
/// the condition and part give it, which from then on is revised, reviewed, searched and linked like any page — by its
/// team (and the space's approvers) only.
/// </summary>
public static class WriteSectionEndpoint
{
    public static RouteGroupBuilder MapWriteSection(this RouteGroupBuilder scenarios)
    {
        scenarios.MapPost("/{id}/conditions/{conditionId}/sections/{part}", WriteAsync)
            .WithName("WriteSolutionSection")
            .WithSummary("Write a section of a working condition's solution — technical, brand or marketing — as a page of the scenario's space (that part's team)")
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
        return scenarios;
    }

    private static async Task<Results<Created<PageView>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string id, string conditionId, string part, WriteSectionRequest request, HttpContext http, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Check("part", Enum.TryParse<SolutionPart>(part, ignoreCase: true, out var solutionPart) && Enum.IsDefined(solutionPart),
                $"A solution's sections are {string.Join(", ", Enum.GetNames<SolutionPart>())}.")
            .Title(request.Title).Body(request.Body);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var scenario = await session.LoadAsync<Scenario>(id, cancellationToken);
        var found = scenario is null ? null : await Readers.InSpaceAsync(http, session, scenario.SpaceId, cancellationToken);
        var reader = await Readers.OfAsync(http, session, cancellationToken);
        var terms = found is { } inSpace ? new SpaceTerms(inSpace.Level, inSpace.Space.ReviewRequired, reader.Team) : new SpaceTerms(AccessLevel.None, false, reader.Team);
        var pageId = SolutionSection.PageIdOf(conditionId, solutionPart);
        var now = clock.GetUtcNow();
        var command = new CreatePage(
            pageId, scenario?.SpaceId ?? string.Empty, ParentId: null, Parent: null, (int)solutionPart, request.Title!.Trim(), request.Body!, PageText.Author(http), terms,
            (request.OccurredAt ?? now).ToUniversalTime(), now, new SectionClaim(id, conditionId, solutionPart, found is null ? null : scenario));
        return await session.StartAsync(
            PagesModule.Pages, pageId, $"/api/knowledge/pages/{pageId}", http, current => PageDecider.Decide(command, current),
            alreadyThere: new("section-already-written", $"Working condition {conditionId}'s {solutionPart} section is written already: revise its page {pageId}.", ErrorKind.Conflict),
            cancellationToken);
    }
}
