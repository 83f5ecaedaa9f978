using JinGong.Domain.Time;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Okr.Roster;

namespace JinGong.Okr.Board;

public sealed record OwnerLine(OwnerKind Kind, string Id, string? Name, string? Team);

public sealed record KeyResultLine(
    string Id, string Title, Binding? Binding, string Unit, decimal Start, decimal Target, decimal Value, decimal Progress, decimal Score, decimal Weight,
    decimal? Confidence, DateTimeOffset? LastCheckInAt, string? LastNote, bool Frozen, string? ScoreReason, bool Stale);

/// <summary>
/// One objective on the board with its key results and the objectives aligned to it. <c>Context</c>: shown for where it
/// sits in the tree (an ancestor from an enclosing period, or outside the filter), not because it was asked for; an
/// ancestor from another period is not scored on this board, its other periods' objectives not being on it.
/// </summary>
public sealed record ObjectiveLine(
    string Id, string Title, string Period, OwnerLine Owner, decimal Weight, decimal? Score, bool Context,
    IReadOnlyList<KeyResultLine> KeyResults, IReadOnlyList<ObjectiveLine> Children);

/// <summary>The board [看板] of a period: the alignment tree; how many objectives and key results were asked for, and how many of those have gone stale.</summary>
public sealed record OkrBoardView(string Period, string? Team, string? Person, int Objectives, int KeyResults, int StaleKeyResults, IReadOnlyList<ObjectiveLine> Roots);

/// <summary>
/// The board, worked out from objectives, key results and the roster however they were read (live documents, or
/// folded from events for a replay): scores roll up the tree as weighted means.
/// </summary>
public static class OkrBoard
{
    /// <summary>A manual key result with no check-in for this long, in a period still running, is flagged for its owner.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(14);

    /// <param name="objectives">The period's objectives and their ancestors.</param>
    public static OkrBoardView Build(
        Period period, IReadOnlyCollection<Objective> objectives, IReadOnlyCollection<KeyResult> keyResults, IReadOnlyDictionary<string, Person> people,
        DateTimeOffset now, string? team = null, string? person = null)
    {
        var inPeriod = objectives.Where(objective => objective.Period == period.Name).ToDictionary(objective => objective.Id);
        var byId = objectives.ToDictionary(objective => objective.Id);
        var children = objectives.Where(objective => objective.ParentId is not null && byId.ContainsKey(objective.ParentId))
            .ToLookup(objective => objective.ParentId!);
        var keyResultsOf = keyResults.Where(keyResult => inPeriod.ContainsKey(keyResult.ObjectiveId)).ToLookup(keyResult => keyResult.ObjectiveId);
        var today = ChinaTime.DateOf(now).DayNumber;

        var scores = new Dictionary<string, decimal?>();
        decimal? ScoreOf(Objective objective)
        {
            if (!scores.TryGetValue(objective.Id, out var score))
            {
                scores[objective.Id] = null; // a cycle in stored data ends here instead of recursing forever
                score = inPeriod.ContainsKey(objective.Id) ? Scoring.WeightedMean(
                    keyResultsOf[objective.Id].Select(keyResult => (keyResult.Weight, (decimal?)keyResult.Score))
                        .Concat(children[objective.Id].Select(child => (child.Weight, ScoreOf(child))))) : null;
                scores[objective.Id] = score;
            }

            return score;
        }

        bool Asked(Objective objective) =>
            inPeriod.ContainsKey(objective.Id)
            && (person is null || (objective.OwnerKind == OwnerKind.Person && Same(objective.OwnerId, person)))
            && (team is null || Same(objective.OwnerKind == OwnerKind.Team ? objective.OwnerId : people.GetValueOrDefault(objective.OwnerId)?.Team, team));

        // What is shown: what was asked for, and the path from each up to its root.
        var shown = new HashSet<string>();
        foreach (var asked in objectives.Where(Asked))
        {
            var node = asked;
            while (node is not null && shown.Add(node.Id))
            {
                node = node.ParentId is null ? null : byId.GetValueOrDefault(node.ParentId);
            }
        }

        ObjectiveLine Line(Objective objective) => new(
            objective.Id, objective.Title, objective.Period, Owner(objective, people), objective.Weight, ScoreOf(objective), !Asked(objective),
            [.. keyResultsOf[objective.Id].OrderBy(keyResult => keyResult.Id, StringComparer.Ordinal).Select(keyResult => KeyResultLine(keyResult, now, today))],
            [.. children[objective.Id].Where(child => shown.Contains(child.Id)).OrderBy(child => child.Id, StringComparer.Ordinal).Select(Line)]);

        var roots = objectives
            .Where(objective => shown.Contains(objective.Id) && (objective.ParentId is null || !byId.ContainsKey(objective.ParentId)))
            .OrderBy(objective => objective.Id, StringComparer.Ordinal)
            .Select(Line)
            .ToList();
        // Counted: what was asked for, not the context around it.
        var askedFor = objectives.Where(Asked).ToList();
        var askedKeyResults = askedFor.SelectMany(objective => keyResultsOf[objective.Id]).ToList();
        return new OkrBoardView(
            period.Name, team, person, askedFor.Count, askedKeyResults.Count, askedKeyResults.Count(keyResult => IsStale(keyResult, now, today)), roots);
    }

    public static bool IsStale(KeyResult keyResult, DateTimeOffset now, int today) =>
        !keyResult.IsBound && !keyResult.Frozen && today <= keyResult.LastDay && (keyResult.LastCheckInAt ?? keyResult.DefinedAt) < now - StaleAfter;

    private static KeyResultLine KeyResultLine(KeyResult keyResult, DateTimeOffset now, int today) =>
        new(keyResult.Id, keyResult.Title, keyResult.Binding, keyResult.Unit, keyResult.Start, keyResult.Target, keyResult.Value, keyResult.Progress, keyResult.Score,
            keyResult.Weight, keyResult.Confidence, keyResult.LastCheckInAt, keyResult.LastNote, keyResult.Frozen, keyResult.ScoreReason, IsStale(keyResult, now, today));

    private static OwnerLine Owner(Objective objective, IReadOnlyDictionary<string, Person> people) =>
        objective.OwnerKind == OwnerKind.Person && people.GetValueOrDefault(objective.OwnerId) is { } owner
            ? new OwnerLine(OwnerKind.Person, owner.Id, owner.Name, owner.Team)
            : new OwnerLine(objective.OwnerKind, objective.OwnerId, null, objective.OwnerKind == OwnerKind.Team ? objective.OwnerId : null);

    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}

public static class Scoring
{
    /// <summary>
    /// An objective's score: the mean of its key results' and aligned objectives' scores, each by its weight; those
    /// without a score (an objective with nothing under it) do not count. Null when nothing counts.
    /// </summary>
    public static decimal? WeightedMean(IEnumerable<(decimal Weight, decimal? Score)> parts)
    {
        decimal weights = 0, sum = 0;
        foreach (var (weight, score) in parts)
        {
            if (score is { } value)
            {
                weights += weight;
                sum += weight * value;
            }
        }

        return weights == 0 ? null : sum / weights;
    }
}
