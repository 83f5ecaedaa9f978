using JinGong.ServiceDefaults.Http;
using JinGong.ServiceDefaults.Time;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

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

    private static async Task<Results<Ok<Page<Objective>>, ValidationProblem>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken, string? period = null, string? owner = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = Page.Validate(page, pageSize);
        Period? parsed = null;
        if (period is not null && !Period.TryParse(period, out parsed))
        {
            errors["period"] = [$"The period is {Period.Format}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<Objective>().AsQueryable();
        if (parsed is not null)
        {
            query = query.Where(objective => objective.Period == parsed.Name);
        }

        if (owner is not null)
        {
            query = query.Where(objective => objective.OwnerId == owner);
        }

        var found = await query.OrderBy(objective => objective.Id).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<Objective>([.. found], page, pageSize, found.TotalItemCount));
    }
}
