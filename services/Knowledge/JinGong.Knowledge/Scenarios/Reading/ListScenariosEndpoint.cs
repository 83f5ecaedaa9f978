using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Scenarios.Reading;

public static class ListScenariosEndpoint
{
    public static RouteGroupBuilder MapListScenarios(this RouteGroupBuilder scenarios)
    {
        scenarios.MapGet("/", ListAsync)
            .WithName("ListScenarios")
            .WithSummary("The scenarios of the spaces the caller may read, of one space if asked (?spaceId=), by name, a page at a time");
        return scenarios;
    }

    private static async Task<Results<Ok<Page<ScenarioView>>, ValidationProblem>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken, string? spaceId = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = new FieldErrors().OptionalId("spaceId", spaceId);
        foreach (var (field, messages) in Page.Validate(page, pageSize))
        {
            errors.Errors[field] = messages;
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var space = FieldErrors.Trimmed(spaceId);
        var readable = await Readers.ReadableSpacesAsync(http, session, cancellationToken);
        return TypedResults.Ok(await session.Query<Scenario>()
            .Where(scenario => readable.Contains(scenario.SpaceId))
            .WhereGiven(space, scenario => scenario.SpaceId == space)
            .OrderBy(scenario => scenario.Name).ThenBy(scenario => scenario.Id)
            .PageAsync(session, ScenariosModule.Scenarios, scenario => scenario.Id, page, pageSize, cancellationToken));
    }
}
