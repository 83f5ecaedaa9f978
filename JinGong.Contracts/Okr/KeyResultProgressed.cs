namespace JinGong.Contracts.Okr;

/// <summary>
/// A key result [关键结果] moved: checked in, moved by business events, or scored at the end of its period
/// (<paramref name="Frozen"/>). Its value, progress towards the target and score (0–1) after the change. Version 1.
/// </summary>
/// <param name="Period">The objective's period: <c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</param>
public sealed record KeyResultProgressed(
    string KeyResultId, string ObjectiveId, string Title, string Period, string Unit, decimal Start, decimal Target,
    decimal Value, decimal Progress, decimal Score, bool Frozen, DateTimeOffset OccurredAt);
