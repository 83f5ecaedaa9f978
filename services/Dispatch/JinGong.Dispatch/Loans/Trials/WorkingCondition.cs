using JasperFx;

namespace JinGong.Dispatch.Loans.Trials;

/// <summary>
/// A working condition [工况] of a scenario of the knowledge base, as dispatch knows it from the bus: what a loan may be
/// recorded as a trial [试用] for. <see cref="DescribedAt"/> is the business time of the description it was copied from.
/// </summary>
public sealed record WorkingCondition(
    [property: Identity] string ConditionId, string ConditionName, string ScenarioId, string ScenarioName, DateTimeOffset DescribedAt)
{
    /// <summary>
    /// Whether this description is to be kept over <paramref name="known"/>: a later one replaces it, an older one that
    /// arrived late (or a redelivery of it) changes nothing.
    /// </summary>
    public bool Replaces(WorkingCondition? known) => known is null || known.DescribedAt <= DescribedAt;

    public static WorkingCondition From(Contracts.Knowledge.WorkingConditionDescribed described) =>
        new(described.ConditionId, described.ConditionName, described.ScenarioId, described.ScenarioName, described.OccurredAt);
}
