using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Spaces.Access;
using JinGong.Knowledge.Spaces.Creating;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Scenarios.Defining;

/// <summary>The teams of OKR's roster that keep each part of a scenario's solution.</summary>
public sealed record SolutionTeamsRequest(string? Technical, string? Brand, string? Marketing);

/// <summary>A scenario to define in a space of solutions: its name and description, and the teams that keep its solution. <c>occurredAt</c> defaults to now.</summary>
public sealed record DefineScenarioRequest(string? SpaceId, string? Name, string? Description, SolutionTeamsRequest? Teams, DateTimeOffset? OccurredAt);

public static class DefineScenarioEndpoint
{
    public static RouteGroupBuilder MapDefineScenario(this RouteGroupBuilder scenarios)
    {
        scenarios.MapPost("/", DefineAsync)
            .WithName("DefineScenario")
            .WithSummary("Define an application scenario in a space of solutions, naming the teams that keep its solution (the space's approvers)")
            // The space's grants decide who defines scenarios in it; the door lets in every role a grant may name.
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
        return scenarios;
    }

    private static async Task<Results<Created<ScenarioView>, ValidationProblem, ProblemHttpResult>> DefineAsync(
        DefineScenarioRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Id("spaceId", request.SpaceId).Required("spaceId", request.SpaceId)
            .Required("name", request.Name)
            .Check("description", request.Description is null || request.Description.Trim().Length <= CreateSpaceEndpoint.MaxDescriptionLength,
                $"The description has at most {CreateSpaceEndpoint.MaxDescriptionLength} characters.")
            .Check("teams", request.Teams is not null, $"Name the teams that keep the solution: technical, brand and marketing.")
            .Required("teams.technical", request.Teams?.Technical, SpaceCommandEndpoints.MaxTeamLength)
            .Required("teams.brand", request.Teams?.Brand, SpaceCommandEndpoints.MaxTeamLength)
            .Required("teams.marketing", request.Teams?.Marketing, SpaceCommandEndpoints.MaxTeamLength);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var spaceId = request.SpaceId!.Trim();
        var space = await session.LoadAsync<Space>(spaceId, cancellationToken);
        var reader = await Readers.OfAsync(http, session, cancellationToken);
        var access = new ScenarioAccess(space is null ? AccessLevel.None : reader.LevelIn(space), reader.Team);
        var teams = new SolutionTeams(request.Teams!.Technical!.Trim(), request.Teams.Brand!.Trim(), request.Teams.Marketing!.Trim());
        var now = clock.GetUtcNow();
        return await session.UnderNewIdAsync(http, "SCN", (attempt, id) =>
        {
            var command = new DefineScenario(
                id, spaceId, space?.Kind, request.Name!.Trim(), FieldErrors.Trimmed(request.Description), teams, PageText.Author(http), access,
                (request.OccurredAt ?? now).ToUniversalTime(), now);
            return attempt.StartAsync(
                ScenariosModule.Scenarios, id, $"/api/knowledge/scenarios/{id}", http, current => ScenarioDecider.Decide(command, current), alreadyThere: null, cancellationToken);
        });
    }
}
