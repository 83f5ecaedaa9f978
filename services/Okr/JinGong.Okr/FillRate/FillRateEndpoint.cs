using JinGong.Domain.Time;
using JinGong.Http;
using JinGong.Okr.Board;
using JinGong.Okr.Objectives;
using JinGong.Okr.Roster;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using JinGong.Http.Languages;

namespace JinGong.Okr.FillRate;

public sealed record MissingPerson(string Id, string Name);

/// <summary>A team's fill rate: of its people on the roster, how many own an objective in the period, and who is missing.</summary>
public sealed record TeamFillRate(string Team, int People, int Filled, decimal? Rate, IReadOnlyList<MissingPerson> Missing);

/// <summary>The fill rate [填写率] of a period: share of the people on the roster with at least one objective of their own in it.</summary>
public sealed record FillRateView(string Period, int People, int Filled, decimal? Rate, IReadOnlyList<TeamFillRate> Teams)
{
    /// <summary>Counts by team; an objective counts for the period when its own period lies within it (a month within its quarter).</summary>
    public static FillRateView Of(Period period, IReadOnlyCollection<Person> onRoster, IReadOnlyCollection<Objective> personalObjectives)
    {
        var owners = personalObjectives
            .Where(objective => objective.OwnerKind == OwnerKind.Person && period.First.DayNumber <= objective.FirstDay && objective.LastDay <= period.Last.DayNumber)
            .Select(objective => objective.OwnerId)
            .ToHashSet(StringComparer.Ordinal);
        var teams = onRoster.GroupBy(person => person.Team)
            .OrderBy(team => team.Key, StringComparer.Ordinal)
            .Select(team => new TeamFillRate(
                team.Key, team.Count(), team.Count(person => owners.Contains(person.Id)), ShareOf(team.Count(person => owners.Contains(person.Id)), team.Count()),
                [.. team.Where(person => !owners.Contains(person.Id)).OrderBy(person => person.Id, StringComparer.Ordinal).Select(person => new MissingPerson(person.Id, person.Name))]))
            .ToList();
        var filled = teams.Sum(team => team.Filled);
        return new FillRateView(period.Name, onRoster.Count, filled, ShareOf(filled, onRoster.Count), teams);
    }

    private static decimal? ShareOf(int filled, int people) => people == 0 ? null : decimal.Round((decimal)filled / people, 4);
}

public static class FillRateEndpoint
{
    public static RouteGroupBuilder MapFillRate(this RouteGroupBuilder api)
    {
        api.MapGet("/fill-rate", FillRateAsync)
            .WithTag(BoardEndpoints.Tag)
            .WithName("GetFillRate")
            .WithSummary("The fill rate [填写率] of a period per team: people on the roster with an objective of their own, and the names of those to remind");
        return api;
    }

    private static async Task<Results<Ok<FillRateView>, ValidationProblem>> FillRateAsync(IQuerySession session, CancellationToken cancellationToken, string? period = null)
    {
        if (!Period.TryParse(period, out var asked))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["period"] = [Texts.Say($"The period is {Period.Format}.")] });
        }

        var people = await session.Query<Person>().Where(person => person.OnRoster).ToListAsync(cancellationToken);
        var (first, last) = (asked.First.DayNumber, asked.Last.DayNumber);
        var objectives = await session.Query<Objective>()
            .Where(objective => objective.OwnerKind == OwnerKind.Person && objective.FirstDay >= first && objective.LastDay <= last)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(FillRateView.Of(asked, people, objectives));
    }
}
