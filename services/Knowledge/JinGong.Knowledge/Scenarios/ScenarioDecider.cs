using JinGong.Domain;
using JinGong.Knowledge.Catalogue;
using JinGong.Knowledge.Spaces;

namespace JinGong.Knowledge.Scenarios;

/// <summary>The caller as a scenario's rules see them: their level in its space (or the space it is to be defined in) and their team.</summary>
public sealed record ScenarioAccess(AccessLevel Level, string? Team);

/// <summary>What someone asks of a scenario, with who they are to it, its business time and the clock's reading.</summary>
public abstract record ScenarioCommand(string ScenarioId, ScenarioAccess Access, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>A scenario to define in space <paramref name="SpaceId"/>, of kind <paramref name="SpaceKind"/> (none: there is no such space).</summary>
public sealed record DefineScenario(
    string ScenarioId, string SpaceId, SpaceKind? SpaceKind, string Name, string? Description, SolutionTeams Teams, string DefinedBy,
    ScenarioAccess Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ScenarioCommand(ScenarioId, Access, OccurredAt, Now);

public sealed record AddWorkingCondition(string ScenarioId, ConditionTerms Terms, ScenarioAccess Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ScenarioCommand(ScenarioId, Access, OccurredAt, Now);

public sealed record ReviseWorkingCondition(string ScenarioId, string ConditionId, ConditionTerms Terms, ScenarioAccess Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ScenarioCommand(ScenarioId, Access, OccurredAt, Now);

/// <summary>Recommend <paramref name="Model"/>, which the knowledge base's copy of the catalogue has as <paramref name="Listing"/> (none: never listed).</summary>
public sealed record RecommendModel(
    string ScenarioId, string ConditionId, string Model, CatalogueEntry? Listing, string Rationale, string RecommendedBy,
    ScenarioAccess Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ScenarioCommand(ScenarioId, Access, OccurredAt, Now);

public sealed record WithdrawRecommendation(
    string ScenarioId, string ConditionId, string Model, string Reason, string WithdrawnBy, ScenarioAccess Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ScenarioCommand(ScenarioId, Access, OccurredAt, Now);

/// <summary>
/// Every rule of a scenario: it is defined once, by an approver of a space of solutions; its working conditions and
/// recommendations are kept by its technical team among the space's editors (and by the space's approvers); a condition's
/// name is its own within the scenario; a recommended model is one the catalogue lists now, recommended once per
/// condition; only what stands is withdrawn; nothing is recorded in the future or before what the scenario says already.
/// Who may not read the space does not learn that the scenario is there.
/// </summary>
public static class ScenarioDecider
{
    public static Decision Decide(ScenarioCommand command, Scenario? state)
    {
        if (command is DefineScenario define)
        {
            return state is not null ? Decision.Reject(new("scenario-already-defined", $"Scenario {define.ScenarioId} was defined already.", ErrorKind.Conflict))
                : define.SpaceKind is null || define.Access.Level == AccessLevel.None ? Decision.Reject(SpaceDecider.NotFound(define.SpaceId))
                : define.SpaceKind != SpaceKind.Solutions ? Decision.Reject(new(
                    "not-a-solutions-space", $"Scenarios are kept in a space of solutions; space {define.SpaceId} holds {define.SpaceKind}.", ErrorKind.Unprocessable))
                : define.Access.Level < AccessLevel.Approve ? Decision.Reject(new(
                    "not-a-space-approver", $"The scenarios of space {define.SpaceId} are defined by its approvers.", ErrorKind.Forbidden))
                : define.OccurredAt > define.Now ? Decision.Reject(BusinessTime.OccurredInFuture(define.OccurredAt, define.Now))
                : Decision.Accept(new ScenarioDefined(define.ScenarioId, define.SpaceId, define.Name, define.Description, define.Teams, define.DefinedBy, define.OccurredAt));
        }

        if (state is null || command.Access.Level == AccessLevel.None)
        {
            return Decision.Reject(NotFound(command.ScenarioId));
        }

        if (command.Access.Level < AccessLevel.Approve && (command.Access.Level < AccessLevel.Edit || command.Access.Team != state.Teams.Technical))
        {
            return Decision.Reject(new(
                "not-the-technical-team",
                $"The working conditions and recommendations of scenario {state.Id} are kept by its technical team ({state.Teams.Technical}) among the space's editors, and by its approvers.",
                ErrorKind.Forbidden));
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"scenario {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        return command switch
        {
            AddWorkingCondition add when state.Conditions.Any(condition => condition.Terms.Name == add.Terms.Name) =>
                Decision.Reject(new("condition-already-there", $"Scenario {state.Id} has a working condition named {add.Terms.Name} already.", ErrorKind.Conflict)),
            AddWorkingCondition add => Decision.Accept(new WorkingConditionAdded(state.Id, state.NextConditionId, add.Terms, add.OccurredAt)),
            ReviseWorkingCondition revise => state.ConditionOf(revise.ConditionId) switch
            {
                null => Decision.Reject(ConditionNotFound(state.Id, revise.ConditionId)),
                var condition when condition.Terms == revise.Terms =>
                    Decision.Reject(new("condition-unchanged", $"Working condition {revise.ConditionId} reads so already.", ErrorKind.Conflict)),
                _ when state.Conditions.Any(other => other.Id != revise.ConditionId && other.Terms.Name == revise.Terms.Name) =>
                    Decision.Reject(new("condition-already-there", $"Scenario {state.Id} has a working condition named {revise.Terms.Name} already.", ErrorKind.Conflict)),
                _ => Decision.Accept(new WorkingConditionRevised(state.Id, revise.ConditionId, revise.Terms, revise.OccurredAt)),
            },
            RecommendModel recommend => state.ConditionOf(recommend.ConditionId) switch
            {
                null => Decision.Reject(ConditionNotFound(state.Id, recommend.ConditionId)),
                _ when recommend.Listing is not { Listed: true } => Decision.Reject(new(
                    recommend.Listing is null ? "model-not-in-catalogue" : "model-withdrawn",
                    $"{recommend.Model} is not a model the catalogue lists: only those are recommended.", ErrorKind.Unprocessable)),
                var condition when condition.RecommendationOf(recommend.Model) is not null => Decision.Reject(new(
                    "model-already-recommended", $"{recommend.Model} is recommended for working condition {condition.Id} already.", ErrorKind.Conflict)),
                _ => Decision.Accept(new ModelRecommended(state.Id, recommend.ConditionId, recommend.Model, recommend.Rationale, recommend.RecommendedBy, recommend.OccurredAt)),
            },
            WithdrawRecommendation withdraw => state.ConditionOf(withdraw.ConditionId) switch
            {
                null => Decision.Reject(ConditionNotFound(state.Id, withdraw.ConditionId)),
                var condition when condition.RecommendationOf(withdraw.Model) is null => Decision.Reject(new(
                    "recommendation-not-found", $"{withdraw.Model} is not recommended for working condition {condition.Id}.", ErrorKind.NotFound)),
                _ => Decision.Accept(new RecommendationWithdrawn(state.Id, withdraw.ConditionId, withdraw.Model, withdraw.Reason, withdraw.WithdrawnBy, withdraw.OccurredAt)),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a scenario."),
        };
    }

    public static DomainError NotFound(string id) => new("scenario-not-found", $"There is no scenario {id}.", ErrorKind.NotFound);

    public static DomainError ConditionNotFound(string scenarioId, string conditionId) =>
        new("condition-not-found", $"Scenario {scenarioId} has no working condition {conditionId}.", ErrorKind.NotFound);
}
