using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Scenarios;

/// <summary>The climate a working condition is in, as equipment is matched against it (a battery's heating and cooling).</summary>
public enum Climate
{
    Temperate,
    Hot,
    Cold,
    Humid,
    HighAltitude,
}

/// <summary>
/// The teams of OKR's roster that keep a scenario's solution, each one part of it: technical recommends the equipment for
/// each working condition and keeps its trial data [试用数据], brand the promotion plan and media, marketing the talk
/// tracks and the commercial proposal.
/// </summary>
public sealed record SolutionTeams(string Technical, string Brand, string Marketing)
{
    public string For(SolutionPart part) => part switch
    {
        SolutionPart.Technical => Technical,
        SolutionPart.Brand => Brand,
        SolutionPart.Marketing => Marketing,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Not a part of a solution."),
    };
}

/// <summary>
/// The three sections of a working condition's solution page, each a page of the scenario's space kept by its team:
/// technical's equipment and trial data, brand's promotion plan and media, marketing's talk tracks and commercial proposal.
/// </summary>
public enum SolutionPart
{
    Technical,
    Brand,
    Marketing,
}

/// <summary>
/// What a working condition [工况] is, as technical staff match equipment against it: one-way haul distance, the
/// haul road's steepest gradient (negative: loaded downhill), the payload per trip, the material moved and the climate.
/// </summary>
public sealed record ConditionTerms(string Name, decimal HaulDistanceKm, decimal GradientPercent, decimal PayloadTonnes, string Material, Climate Climate);

/// <summary>An event of a scenario's life. OccurredAt is business time (UTC).</summary>
public interface IScenarioEvent
{
    string ScenarioId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>An application scenario [应用场景] (steel mills, open-pit mines, ports …) whose solution the teams named keep, in a space of solutions.</summary>
public sealed record ScenarioDefined(
    string ScenarioId, string SpaceId, string Name, string? Description, SolutionTeams Teams, string DefinedBy, DateTimeOffset OccurredAt) : IScenarioEvent;

public sealed record WorkingConditionAdded(string ScenarioId, string ConditionId, ConditionTerms Terms, DateTimeOffset OccurredAt) : IScenarioEvent;

/// <summary>A working condition's terms as they read from now on (measured again, say).</summary>
public sealed record WorkingConditionRevised(string ScenarioId, string ConditionId, ConditionTerms Terms, DateTimeOffset OccurredAt) : IScenarioEvent;

/// <summary>Technical recommends <paramref name="Model"/> of the catalogue for a working condition, saying why.</summary>
public sealed record ModelRecommended(
    string ScenarioId, string ConditionId, string Model, string Rationale, string RecommendedBy, DateTimeOffset OccurredAt) : IScenarioEvent;

/// <summary>A recommendation no longer stands, for <paramref name="Reason"/> (a better model, a trial that went badly).</summary>
public sealed record RecommendationWithdrawn(
    string ScenarioId, string ConditionId, string Model, string Reason, string WithdrawnBy, DateTimeOffset OccurredAt) : IScenarioEvent;

public sealed record Recommendation(string Model, string Rationale, string RecommendedBy, DateTimeOffset RecommendedAt);

/// <summary>A working condition of a scenario, with the models recommended for it now (withdrawn ones are in the events).</summary>
public sealed record WorkingCondition(string Id, ConditionTerms Terms, IReadOnlyList<Recommendation> Recommendations)
{
    public Recommendation? RecommendationOf(string model) => Recommendations.FirstOrDefault(recommendation => recommendation.Model == model);
}

/// <summary>A scenario [场景化方案] as its events tell it: its working conditions and what is recommended for each.</summary>
public sealed record Scenario(
    [property: Identity] string Id,
    string SpaceId,
    string Name,
    string? Description,
    SolutionTeams Teams,
    IReadOnlyList<WorkingCondition> Conditions,
    DateTimeOffset DefinedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Scenario>
{
    public WorkingCondition? ConditionOf(string conditionId) => Conditions.FirstOrDefault(condition => condition.Id == conditionId);

    /// <summary>The id the next working condition gets: the scenario's own, numbered (conditions are never removed).</summary>
    public string NextConditionId => $"{Id}-C{Conditions.Count + 1}";

    [JasperFxIgnore]
    public static Scenario? Evolve(Scenario? state, object @event) => (state, @event) switch
    {
        (_, ScenarioDefined defined) => new(defined.ScenarioId, defined.SpaceId, defined.Name, defined.Description, defined.Teams, [], defined.OccurredAt, defined.OccurredAt),
        (null, IScenarioEvent) => null,
        (_, WorkingConditionAdded added) => state with { Conditions = [.. state.Conditions, new(added.ConditionId, added.Terms, [])], LastOccurredAt = added.OccurredAt },
        (_, WorkingConditionRevised revised) => state.Changing(revised.ConditionId, revised.OccurredAt, condition => condition with { Terms = revised.Terms }),
        (_, ModelRecommended recommended) => state.Changing(recommended.ConditionId, recommended.OccurredAt, condition => condition with
        {
            Recommendations = [.. condition.Recommendations, new(recommended.Model, recommended.Rationale, recommended.RecommendedBy, recommended.OccurredAt)],
        }),
        (_, RecommendationWithdrawn withdrawn) => state.Changing(withdrawn.ConditionId, withdrawn.OccurredAt, condition => condition with
        {
            Recommendations = [.. condition.Recommendations.Where(recommendation => recommendation.Model != withdrawn.Model)],
        }),
        _ => throw new UnknownEventException(typeof(Scenario), @event),
    };

    private Scenario Changing(string conditionId, DateTimeOffset occurredAt, Func<WorkingCondition, WorkingCondition> change) => this with
    {
        Conditions = [.. Conditions.Select(condition => condition.Id == conditionId ? change(condition) : condition)],
        LastOccurredAt = occurredAt,
    };
}

/// <summary>A scenario as clients read it, with the stream version it was read at.</summary>
public sealed record ScenarioView(
    string Id, string SpaceId, string Name, string? Description, SolutionTeams Teams, IReadOnlyList<WorkingCondition> Conditions, DateTimeOffset DefinedAt, long Version)
{
    public static ScenarioView From(Scenario scenario, long version) =>
        new(scenario.Id, scenario.SpaceId, scenario.Name, scenario.Description, scenario.Teams, scenario.Conditions, scenario.DefinedAt, version);
}
