using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.KeyResults.Reading;

/// <summary>
/// One point of a key result's chart: its value and score after an event, when it was recorded (business time) and,
/// for a bound one, when the fact behind it happened.
/// </summary>
public sealed record KeyResultPoint(long Version, DateTimeOffset At, DateTimeOffset? FactAt, decimal Value, decimal Score, decimal? Confidence, IReadOnlyList<Guid> EventIds);

public static class KeyResultValuesEndpoint
{
    public static RouteGroupBuilder MapKeyResultValues(this RouteGroupBuilder keyResults)
    {
        keyResults.MapGet("/{id}/values", ValuesAsync)
            .WithName("GetKeyResultValues")
            .WithSummary("A key result's history of values and scores, one point per event, for a chart");
        return keyResults;
    }

    private static async Task<Results<Ok<IReadOnlyList<KeyResultPoint>>, ProblemHttpResult>> ValuesAsync(string id, IQuerySession session, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.From(KeyResultDecider.NotFound(id));
        }

        var points = new List<KeyResultPoint>(events.Count);
        KeyResult? state = null;
        foreach (var @event in events)
        {
            state = KeyResult.Evolve(state, @event.Data)!;
            var (factAt, eventIds) = @event.Data is KeyResultProgressed progressed ? (progressed.FactOccurredAt, progressed.EventIds) : ((DateTimeOffset?)null, (IReadOnlyList<Guid>)[]);
            points.Add(new KeyResultPoint(@event.Version, ((IKeyResultEvent)@event.Data).OccurredAt, factAt, state.Value, state.Score, state.Confidence, eventIds));
        }

        return TypedResults.Ok<IReadOnlyList<KeyResultPoint>>(points);
    }
}
