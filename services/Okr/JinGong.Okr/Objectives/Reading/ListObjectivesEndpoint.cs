using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using JinGong.Http.Languages;

namespace JinGong.Okr.Objectives.Reading;

public static class ListObjectivesEndpoint
{
    public static RouteGroupBuilder MapListObjectives(this RouteGroupBuilder objectives)
    {
        objectives.MapGet("/", ListAsync)
            .WithName("ListObjectives")
            .WithSummary("Objectives of a period, by owner, a page at a time");
        return objectives;
    }

    private static async Task<Results<Ok<Page<ObjectiveView>>, ValidationProblem>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken, string? period = null, string? owner = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = Page.Validate(page, pageSize);
        Period? parsed = null;
        if (period is not null && !Period.TryParse(period, out parsed))
        {
            errors["period"] = [Texts.Say($"The period is {Period.Format}.")];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<Objective>().WhereGiven(parsed, objective => objective.Period == parsed!.Name).WhereGiven(owner, objective => objective.OwnerId == owner);
        return TypedResults.Ok(await query.OrderBy(objective => objective.Id).PageAsync(session, ObjectivesModule.Objectives, objective => objective.Id, page, pageSize, cancellationToken));
    }
}
