using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Domain.Time;

namespace JinGong.Okr.Objectives;

public interface IObjectiveEvent
{
    string ObjectiveId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Who an objective belongs to: a person on the roster, or a team.</summary>
public enum OwnerKind
{
    Person,
    Team,
}

/// <summary>An objective was set for a period (<c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>), aligned to a parent or not.</summary>
public sealed record ObjectiveSet(
    string ObjectiveId, string Title, string Period, OwnerKind OwnerKind, string OwnerId, string? ParentId, decimal Weight, DateTimeOffset OccurredAt)
    : IObjectiveEvent;

/// <summary>The objective now aligns to another parent (or to none).</summary>
public sealed record ObjectiveAligned(string ObjectiveId, string? ParentId, DateTimeOffset OccurredAt) : IObjectiveEvent;

/// <summary>
/// An objective as its events tell it. The period's days are kept as day numbers (<see cref="DateOnly.DayNumber"/>)
/// so that queries compare plain integers.
/// </summary>
public sealed record Objective(
    [property: Identity] string Id,
    string Title,
    string Period,
    int FirstDay,
    int LastDay,
    OwnerKind OwnerKind,
    string OwnerId,
    string? ParentId,
    decimal Weight,
    DateTimeOffset SetAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Objective>
{
    /// <summary>Whether <paramref name="child"/>'s period lies within this objective's: what aligning to it requires.</summary>
    public bool Spans(int firstDay, int lastDay) => FirstDay <= firstDay && lastDay <= LastDay;

    /// <summary>The state after one more event (from nothing for the setting, which comes once).</summary>
    [JasperFxIgnore]
    public static Objective? Evolve(Objective? state, object @event) => (state, @event) switch
    {
        (null, ObjectiveSet set) => Set(set, Parse(set.Period)),
        (null, IObjectiveEvent) => null,
        (_, ObjectiveSet) => state,
        (_, ObjectiveAligned aligned) => state with { ParentId = aligned.ParentId, LastOccurredAt = aligned.OccurredAt },
        _ => throw new UnknownEventException(typeof(Objective), @event),
    };

    private static Objective Set(ObjectiveSet set, Period period) =>
        new(set.ObjectiveId, set.Title, period.Name, period.First.DayNumber, period.Last.DayNumber, set.OwnerKind, set.OwnerId,
            set.ParentId, set.Weight, set.OccurredAt, set.OccurredAt);

    private static Period Parse(string name) =>
        Domain.Time.Period.TryParse(name, out var period) ? period : throw new InvalidOperationException($"An objective's period '{name}' is not a period.");
}

/// <summary>An objective as clients read it, with the stream version it was read at.</summary>
public sealed record ObjectiveView(
    string Id, string Title, string Period, OwnerKind OwnerKind, string OwnerId, string? ParentId, decimal Weight, DateTimeOffset SetAt, long Version)
{
    public static ObjectiveView From(Objective objective, long version) =>
        new(objective.Id, objective.Title, objective.Period, objective.OwnerKind, objective.OwnerId, objective.ParentId, objective.Weight, objective.SetAt, version);
}
