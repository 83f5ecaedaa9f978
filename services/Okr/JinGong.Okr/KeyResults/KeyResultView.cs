namespace JinGong.Okr.KeyResults;

/// <summary>What one record contributes to a bound key result, and the ids of the events behind it.</summary>
public sealed record ContributionView(string Source, decimal Numerator, decimal Denominator, IReadOnlyList<Guid> EventIds);

/// <summary>A key result as clients read it: its value, progress and score, and for a bound one every record behind its value.</summary>
public sealed record KeyResultView(
    string Id, string ObjectiveId, string Title, decimal Start, decimal Target, string Unit, decimal Weight, Binding? Binding,
    decimal Value, decimal Progress, decimal Score, decimal? Confidence, DateTimeOffset? LastCheckInAt, string? LastNote,
    bool Frozen, string? ScoreReason, IReadOnlyList<ContributionView> Basis, long Version)
{
    public static KeyResultView From(KeyResult keyResult, long version) =>
        new(keyResult.Id, keyResult.ObjectiveId, keyResult.Title, keyResult.Start, keyResult.Target, keyResult.Unit, keyResult.Weight, keyResult.Binding,
            keyResult.Value, keyResult.Progress, keyResult.Score, keyResult.Confidence, keyResult.LastCheckInAt, keyResult.LastNote,
            keyResult.Frozen, keyResult.ScoreReason,
            [.. keyResult.Contributions.Select(pair => new ContributionView(pair.Key, pair.Value.Numerator, pair.Value.Denominator, pair.Value.EventIds))],
            version);
}
