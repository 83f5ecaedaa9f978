using JinGong.ServiceDefaults.Http;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.Roster.Reading;

public static class ListPeopleEndpoint
{
    public static RouteGroupBuilder MapListPeople(this RouteGroupBuilder people)
    {
        people.MapGet("/", ListAsync)
            .WithName("ListPeople")
            .WithSummary("The people on the roster, by team and region, a page at a time (?all=true to include those who left)");
        return people;
    }

    private static async Task<Results<Ok<Page<Person>>, ValidationProblem>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken, string? team = null, string? region = null, bool all = false, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<Person>().AsQueryable();
        if (!all)
        {
            query = query.Where(person => person.OnRoster);
        }

        if (team is not null)
        {
            query = query.Where(person => person.Team == team);
        }

        if (region is not null)
        {
            query = query.Where(person => person.Region == region);
        }

        var found = await query.OrderBy(person => person.Id).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<Person>([.. found], page, pageSize, found.TotalItemCount));
    }
}
