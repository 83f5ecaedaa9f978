using JasperFx.Events;
using JinGong.Domain.Time;
using JinGong.Http;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Okr.Roster;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using JinGong.Http.Languages;

namespace JinGong.Okr.Board;

/// <summary>The board [看板] of a period, live from the documents, or replayed from the events alone for an audit.</summary>
public static class BoardEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    public static readonly ApiTag Tag = new("Board",
        "The OKR board [看板] of a period and its fill rate [填写率]: every objective with its key results, progress, score and owner, and who has set no objective yet.");

    public static RouteGroupBuilder MapBoard(this RouteGroupBuilder api)
    {
        api.MapGet("/board", BoardAsync)
            .WithTag(Tag)
            .WithName("GetOkrBoard")
            .WithSummary("The OKR board [看板] of a period: the alignment tree with every key result's progress, score, confidence and last check-in; ?team= or ?person= to filter");
        api.MapGet("/board/replay", ReplayAsync)
            .WithTag(Tag)
            .WithName("ReplayOkrBoard")
            .WithSummary("The same board worked out from the event streams alone (no stored documents): what an auditor compares the live board with");
        return api;
    }

    private static async Task<Results<Ok<OkrBoardView>, ValidationProblem>> BoardAsync(
        IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? period = null, string? team = null, string? person = null)
    {
        if (Validate(period, team, person) is not { } asked)
        {
            return InvalidPeriod();
        }

        var objectives = (await session.Query<Objective>().Where(objective => objective.Period == asked.Name).ToListAsync(cancellationToken)).ToList();
        var known = objectives.Select(objective => objective.Id).ToHashSet();
        for (var missing = Parents(objectives, known); missing.Count > 0; missing = Parents(objectives, known))
        {
            var ancestors = await session.LoadManyAsync<Objective>(cancellationToken, missing);
            known.UnionWith(missing);
            objectives.AddRange(ancestors);
        }

        var ids = objectives.Select(objective => objective.Id).ToArray();
        var keyResults = await session.Query<KeyResult>().Where(keyResult => ids.Contains(keyResult.ObjectiveId)).ToListAsync(cancellationToken);
        var people = await session.Query<Person>().ToListAsync(cancellationToken);
        return TypedResults.Ok(OkrBoard.Build(asked, objectives, keyResults, people.ToDictionary(p => p.Id), clock.GetUtcNow(), team, person));
    }

    private static async Task<Results<Ok<OkrBoardView>, ValidationProblem>> ReplayAsync(
        IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? period = null, string? team = null, string? person = null)
    {
        if (Validate(period, team, person) is not { } asked)
        {
            return InvalidPeriod();
        }

        var objectives = await FoldAsync<Objective>(session, Objective.Evolve, [typeof(ObjectiveSet), typeof(ObjectiveAligned)], cancellationToken);
        var keyResults = await FoldAsync<KeyResult>(
            session, KeyResult.Evolve, [typeof(KeyResultDefined), typeof(KeyResultCheckedIn), typeof(KeyResultProgressed), typeof(KeyResultScored)], cancellationToken);
        var people = await FoldAsync<Person>(session, Person.Evolve, [typeof(PersonJoined), typeof(PersonMoved), typeof(PersonLeft)], cancellationToken);
        return TypedResults.Ok(OkrBoard.Build(asked, objectives, keyResults, people.ToDictionary(p => p.Id), clock.GetUtcNow(), team, person));
    }

    /// <summary>Every stream with events of <paramref name="types"/>, folded from its events in order.</summary>
    private static async Task<IReadOnlyList<TState>> FoldAsync<TState>(
        IQuerySession session, Func<TState?, object, TState?> step, Type[] types, CancellationToken cancellationToken)
        where TState : class
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(types))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return [.. events.GroupBy(e => e.StreamKey!).Select(stream => stream.Aggregate((TState?)null, (state, e) => step(state, e.Data))).OfType<TState>()];
    }

    private static List<string> Parents(IEnumerable<Objective> objectives, HashSet<string> known) =>
        [.. objectives.Select(objective => objective.ParentId).OfType<string>().Where(parent => !known.Contains(parent)).Distinct()];

    private static Period? Validate(string? period, string? team, string? person) =>
        Period.TryParse(period, out var asked) && (team is null || person is null) ? asked : null;

    private static ValidationProblem InvalidPeriod() =>
        Problems.Validation(new Dictionary<string, string[]> { ["period"] = [Texts.Say($"The period is {Period.Format}; filter by team or by person, not both.")] });
}
