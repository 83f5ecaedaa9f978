using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.Roster.Reading;

public static class ListPeopleEndpoint
{
    public static RouteGroupBuilder MapListPeople(this RouteGroupBuilder people)
    {
        people.MapGet("/", ListAsync)
            .WithName("ListPeople")
            .WithSummary("The people on the roster, by team and region, searched by the start of their id, name or team, a page at a time (?all=true to include those who left)");
        return people;
    }

    private static async Task<Results<Ok<Page<PersonView>>, ValidationProblem>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken,
        string? team = null, string? region = null, string? search = null, bool all = false, int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = Page.Validate(page, pageSize);
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = (all ? session.Query<Person>() : session.Query<Person>().Where(person => person.OnRoster))
            .WhereGiven(team, person => person.Team == team)
            .WhereGiven(region, person => person.Region == region);
        if (ListSearch.Of(search) is { } start)
        {
            query = query.Where(person => person.Id.StartsWith(start, ListSearch.AnyCase) || person.Name.StartsWith(start, ListSearch.AnyCase)
                || person.Team.StartsWith(start, ListSearch.AnyCase));
        }

        return TypedResults.Ok(await query.OrderBy(person => person.Id).PageAsync(session, RosterModule.People, person => person.Id, page, pageSize, cancellationToken));
    }
}
