using JasperFx.Events.Projections;
using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Okr.KeyResults.Defining;
using JinGong.Okr.Objectives.Aligning;
using JinGong.Okr.Objectives.Reading;
using JinGong.Okr.Objectives.Setting;
using Marten;

namespace JinGong.Okr.Objectives;

public static class ObjectivesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Objectives",
        "Objectives per period (quarter or month) with their owner, person or team, aligned to a parent objective.");

    public static readonly StreamKind<Objective, ObjectiveView> Objectives =
        new("Objective", ObjectiveDecider.NotFound, Objective.Evolve, ObjectiveView.From, e => ((IObjectiveEvent)e).OccurredAt);

    public static void ConfigureObjectives(this StoreOptions options)
    {
        // Inline: an alignment is checked against the tree as it is when the command is decided.
        options.Projections.Add(new EvolvingProjection<Objective>(typeof(IObjectiveEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Objective>().Duplicate(objective => objective.Period).Duplicate(objective => objective.OwnerId);
        options.Events.MapEventType<ObjectiveSet>("objective_set_v1");
        options.Events.MapEventType<ObjectiveAligned>("objective_aligned_v1");
    }

    public static RouteGroupBuilder MapObjectives(this RouteGroupBuilder api)
    {
        var objectives = api.MapGroup("/objectives").WithTag(Tag);
        objectives.MapSetObjective();
        objectives.MapAlignObjective();
        objectives.MapStreamReads("/{id}", Objectives);
        objectives.MapListObjectives();
        objectives.MapDefineKeyResult();
        return api;
    }
}
