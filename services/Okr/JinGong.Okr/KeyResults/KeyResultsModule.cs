using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Okr.KeyResults.CheckingIn;
using JinGong.Okr.KeyResults.Reading;
using Marten;

namespace JinGong.Okr.KeyResults;

public static class KeyResultsModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Key results",
        "Key results of an objective: their check-ins and scores, or their values moving by themselves with the business metric they are bound to.");

    public static readonly StreamKind<KeyResult, KeyResultView> KeyResults =
        new("KeyResult", KeyResultDecider.NotFound, KeyResult.Evolve, KeyResultView.From, e => ((IKeyResultEvent)e).OccurredAt);

    public static void ConfigureKeyResults(this StoreOptions options)
    {
        // Inline: the board reads key results, and the bound ones are found by period when a fact arrives.
        options.Projections.Add(new EvolvingProjection<KeyResult>(typeof(IKeyResultEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<KeyResult>().Duplicate(keyResult => keyResult.ObjectiveId);
        options.Events.MapEventType<KeyResultDefined>("key_result_defined_v1");
        options.Events.MapEventType<KeyResultCheckedIn>("key_result_checked_in_v1");
        options.Events.MapEventType<KeyResultProgressed>("key_result_progressed_v1");
        options.Events.MapEventType<KeyResultScored>("key_result_scored_v1");
    }

    public static RouteGroupBuilder MapKeyResults(this RouteGroupBuilder api)
    {
        var keyResults = api.MapGroup("/key-results").WithTag(Tag);
        keyResults.MapCheckIns();
        keyResults.MapStreamReads("/{id}", KeyResults);
        keyResults.MapKeyResultValues();
        return api;
    }
}
