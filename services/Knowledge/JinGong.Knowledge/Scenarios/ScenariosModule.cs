using JasperFx.Events.Projections;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Scenarios.Defining;
using JinGong.Knowledge.Scenarios.Keeping;
using JinGong.Knowledge.Scenarios.Reading;
using JinGong.Knowledge.Scenarios.Sections;
using JinGong.Knowledge.Scenarios.Showing;
using JinGong.Knowledge.Scenarios.Solutions;
using JinGong.Knowledge.Spaces;
using Marten;
using MassTransit;

namespace JinGong.Knowledge.Scenarios;

public static class ScenariosModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    public static readonly ApiTag Tag = new("Scenarios",
        "Scenario solutions [场景化方案]: per application scenario and working condition [工况], the equipment technical recommends from the catalogue, kept in a space of solutions.");

    public static readonly StreamKind<Scenario, ScenarioView> Scenarios =
        new("Scenario", ScenarioDecider.NotFound, Scenario.Evolve, ScenarioView.From, e => ((IScenarioEvent)e).OccurredAt, ReadRefusal: RefusalAsync);

    public static void ConfigureScenarios(this StoreOptions options)
    {
        // Inline: a scenario's space decides who reads and keeps it, on every request.
        options.Projections.Add(new EvolvingProjection<Scenario>(typeof(IScenarioEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Scenario>().Duplicate(scenario => scenario.SpaceId);
        options.Events.MapEventType<ScenarioDefined>("scenario_defined_v1");
        options.Events.MapEventType<WorkingConditionAdded>("working_condition_added_v1");
        options.Events.MapEventType<WorkingConditionRevised>("working_condition_revised_v1");
        options.Events.MapEventType<ModelRecommended>("model_recommended_v1");
        options.Events.MapEventType<RecommendationWithdrawn>("recommendation_withdrawn_v1");
    }

    /// <summary>Dispatch may ask for every working condition (<see cref="WorkingConditionsRequestedConsumer"/>).</summary>
    public static void AddScenarioConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<WorkingConditionsRequestedConsumer>();

    public static RouteGroupBuilder MapScenarios(this RouteGroupBuilder api)
    {
        var scenarios = api.MapGroup("/scenarios").WithTag(Tag);
        scenarios.MapDefineScenario();
        scenarios.MapScenarioCommands();
        scenarios.MapWriteSection();
        scenarios.MapSolution();
        scenarios.MapStreamReads("/{id}", Scenarios);
        scenarios.MapListScenarios();
        return api;
    }

    /// <summary>The caller as scenario <paramref name="scenarioId"/>'s rules see them (no level when there is no such scenario).</summary>
    public static async Task<ScenarioAccess> AccessAsync(HttpContext http, IQuerySession session, string scenarioId, CancellationToken cancellationToken)
    {
        var reader = await Readers.OfAsync(http, session, cancellationToken);
        return await session.LoadAsync<Scenario>(scenarioId, cancellationToken) is { } scenario
            && await Readers.InSpaceAsync(http, session, scenario.SpaceId, cancellationToken) is { } found
            ? new ScenarioAccess(found.Level, reader.Team)
            : new ScenarioAccess(AccessLevel.None, reader.Team);
    }

    /// <summary>A scenario of a space the caller may not read is, to them, not there.</summary>
    private static async Task<DomainError?> RefusalAsync(HttpContext http, IQuerySession session, Scenario scenario, CancellationToken cancellationToken) =>
        await Readers.InSpaceAsync(http, session, scenario.SpaceId, cancellationToken) is null ? ScenarioDecider.NotFound(scenario.Id) : null;
}
