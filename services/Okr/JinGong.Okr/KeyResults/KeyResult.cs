using System.Collections.Immutable;
using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Domain.Time;

namespace JinGong.Okr.KeyResults;

public interface IKeyResultEvent
{
    string KeyResultId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// A key result was defined on an objective: from <paramref name="Start"/> to <paramref name="Target"/> in
/// <paramref name="Unit"/>; checked in by hand, or bound to a metric (<paramref name="Binding"/>) over the objective's period.
/// </summary>
public sealed record KeyResultDefined(
    string KeyResultId, string ObjectiveId, string Title, decimal Start, decimal Target, string Unit, decimal Weight, Binding? Binding,
    string Period, int FirstDay, int LastDay, DateTimeOffset OccurredAt) : IKeyResultEvent;

/// <summary>The owner's check-in: where the key result stands, how confident they are of reaching it (0–1), and why.</summary>
public sealed record KeyResultCheckedIn(string KeyResultId, decimal Value, decimal Confidence, string? Note, DateTimeOffset OccurredAt) : IKeyResultEvent;

/// <summary>
/// A bound key result moved: what one business record (an order, an opportunity) now contributes to it, with the ids
/// of the events (in the services that published them) behind that contribution and of the event that moved it.
/// </summary>
/// <param name="FactOccurredAt">When the latest of those facts happened in the business (OccurredAt is when it was counted).</param>
public sealed record KeyResultProgressed(
    string KeyResultId, string Source, decimal Numerator, decimal Denominator, IReadOnlyList<Guid> EventIds, Guid CausedBy,
    DateTimeOffset FactOccurredAt, DateTimeOffset OccurredAt) : IKeyResultEvent;

/// <summary>End-of-period scoring: the score given, overriding the computed one, and why. The key result is frozen from then on.</summary>
public sealed record KeyResultScored(string KeyResultId, decimal Score, string Reason, DateTimeOffset OccurredAt) : IKeyResultEvent;

/// <summary>What one record contributes to a bound key result.</summary>
public sealed record Contribution(decimal Numerator, decimal Denominator, IReadOnlyList<Guid> EventIds);

/// <summary>A key result as its events tell it, with its value, progress and score.</summary>
public sealed record KeyResult(
    [property: Identity] string Id,
    string ObjectiveId,
    string Title,
    decimal Start,
    decimal Target,
    string Unit,
    decimal Weight,
    Binding? Binding,
    string Period,
    int FirstDay,
    int LastDay,
    DateTimeOffset DefinedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<KeyResult>
{
    /// <summary>Bound key results move from events; the others by check-ins. Kept as a field so queries can find them.</summary>
    public bool IsBound { get; init; }

    public bool Frozen { get; init; }

    public decimal? CheckedInValue { get; init; }

    public decimal? Confidence { get; init; }

    public string? LastNote { get; init; }

    public DateTimeOffset? LastCheckInAt { get; init; }

    public decimal? ScoreOverride { get; init; }

    public string? ScoreReason { get; init; }

    /// <summary>What each record contributes, by record (e.g. <c>order:ORD-…</c>), and their sums.</summary>
    public ImmutableSortedDictionary<string, Contribution> Contributions { get; init; } = ImmutableSortedDictionary<string, Contribution>.Empty;

    public decimal Numerator { get; init; }

    public decimal Denominator { get; init; }

    /// <summary>Where the key result stands: the last check-in, or the bound metric's value; the start until either says more.</summary>
    public decimal Value => Binding switch
    {
        null => CheckedInValue ?? Start,
        { Metric: var metric } when metric.IsRatio() => Denominator == 0 ? Start : Numerator / Denominator,
        _ => Numerator,
    };

    /// <summary>The share of the way from start to target covered, 0–1 (targets may lie below their start).</summary>
    public decimal Progress => Math.Clamp((Value - Start) / (Target - Start), 0m, 1m);

    public decimal Score => ScoreOverride ?? Progress;

    /// <summary>The state after one more event (from nothing for the definition, which comes once).</summary>
    [JasperFxIgnore]
    public static KeyResult? Evolve(KeyResult? state, object @event) => (state, @event) switch
    {
        (null, KeyResultDefined defined) =>
            new(defined.KeyResultId, defined.ObjectiveId, defined.Title, defined.Start, defined.Target, defined.Unit, defined.Weight, defined.Binding,
                defined.Period, defined.FirstDay, defined.LastDay, defined.OccurredAt, defined.OccurredAt)
            {
                IsBound = defined.Binding is not null,
            },
        (null, IKeyResultEvent) => null,
        (_, KeyResultDefined) => state,
        (_, KeyResultCheckedIn checkedIn) => state with
        {
            CheckedInValue = checkedIn.Value,
            Confidence = checkedIn.Confidence,
            LastNote = checkedIn.Note,
            LastCheckInAt = checkedIn.OccurredAt,
            LastOccurredAt = checkedIn.OccurredAt,
        },
        (_, KeyResultProgressed progressed) => state.Counting(progressed),
        (_, KeyResultScored scored) =>
            state with { ScoreOverride = scored.Score, ScoreReason = scored.Reason, Frozen = true, LastOccurredAt = scored.OccurredAt },
        _ => throw new UnknownEventException(typeof(KeyResult), @event),
    };

    // The record's new contribution replaces its previous one in the sums (and in the list, unless it is nothing now).
    private KeyResult Counting(KeyResultProgressed progressed)
    {
        var before = Contributions.GetValueOrDefault(progressed.Source);
        var after = new Contribution(progressed.Numerator, progressed.Denominator, progressed.EventIds);
        return this with
        {
            Contributions = after is { Numerator: 0, Denominator: 0 } ? Contributions.Remove(progressed.Source) : Contributions.SetItem(progressed.Source, after),
            Numerator = Numerator - (before?.Numerator ?? 0) + after.Numerator,
            Denominator = Denominator - (before?.Denominator ?? 0) + after.Denominator,
            LastOccurredAt = progressed.OccurredAt,
        };
    }
}
