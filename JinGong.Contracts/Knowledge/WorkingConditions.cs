namespace JinGong.Contracts.Knowledge;

/// <summary>
/// A working condition [工况] of a scenario of the knowledge base reads so from now on: added, or revised. Dispatch keeps
/// the conditions a loan can be recorded as a trial for. Version 1.
/// </summary>
public sealed record WorkingConditionDescribed(string ScenarioId, string ScenarioName, string ConditionId, string ConditionName, DateTimeOffset OccurredAt);

/// <summary>
/// Every working condition of the knowledge base as it reads now, in answer to
/// <see cref="Dispatch.WorkingConditionsRequested"/>; <paramref name="AsOf"/> is the business time of the latest
/// description among them. Version 1.
/// </summary>
public sealed record WorkingConditionsShown(IReadOnlyList<WorkingConditionDescribed> Conditions, DateTimeOffset AsOf);
