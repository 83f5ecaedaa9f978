using JinGong.Domain;
using JinGong.Domain.Time;

namespace JinGong.Okr.Objectives;

public abstract record ObjectiveCommand(string ObjectiveId, DateTimeOffset OccurredAt, DateTimeOffset Now);

public sealed record SetObjective(
    string ObjectiveId, string Title, Period Period, OwnerKind OwnerKind, string OwnerId, string? ParentId, decimal Weight, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ObjectiveCommand(ObjectiveId, OccurredAt, Now);

public sealed record AlignObjective(string ObjectiveId, string? ParentId, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : ObjectiveCommand(ObjectiveId, OccurredAt, Now);

/// <summary>
/// What a decision on an objective needs beyond the objective: whether the owner is on the roster, the parent asked
/// for (null when it does not exist) and the parent's own ancestors, nearest first.
/// </summary>
public sealed record AlignmentFacts(bool OwnerOnRoster, Objective? Parent, IReadOnlyList<string> ParentAncestors);

/// <summary>Every rule of an objective: owned by someone on the roster, aligned to a parent whose period spans its own, never in a cycle.</summary>
public static class ObjectiveDecider
{
    public static Decision Decide(ObjectiveCommand command, Objective? state, AlignmentFacts facts)
    {
        switch (command)
        {
            case SetObjective set:
                if (state is not null)
                {
                    return Decision.Reject(new("objective-already-set", $"Objective {set.ObjectiveId} was set already.", ErrorKind.Conflict));
                }

                return set.OccurredAt > set.Now ? Decision.Reject(BusinessTime.OccurredInFuture(set.OccurredAt, set.Now))
                    : !facts.OwnerOnRoster ? Decision.Reject(OwnerNotOnRoster(set.OwnerKind, set.OwnerId))
                    : ParentError(set.ObjectiveId, set.ParentId, set.Period.First.DayNumber, set.Period.Last.DayNumber, set.Period.Name, facts) is { } parentError
                        ? Decision.Reject(parentError)
                    : Decision.Accept(new ObjectiveSet(set.ObjectiveId, set.Title, set.Period.Name, set.OwnerKind, set.OwnerId, set.ParentId, set.Weight, set.OccurredAt));
            case AlignObjective align:
                if (state is null)
                {
                    return Decision.Reject(NotFound(align.ObjectiveId));
                }

                return BusinessTime.Check(align.OccurredAt, align.Now, state.LastOccurredAt, $"objective {state.Id}") is { } timeError ? Decision.Reject(timeError)
                    : align.ParentId == state.ParentId
                        ? Decision.Reject(new("objective-already-aligned", $"Objective {state.Id} aligns to {state.ParentId ?? "nothing"} already.", ErrorKind.Conflict))
                    : ParentError(state.Id, align.ParentId, state.FirstDay, state.LastDay, state.Period, facts) is { } alignmentError ? Decision.Reject(alignmentError)
                    : Decision.Accept(new ObjectiveAligned(state.Id, align.ParentId, align.OccurredAt));
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on an objective.");
        }
    }

    public static DomainError NotFound(string id) => new("objective-not-found", $"There is no objective {id}.", ErrorKind.NotFound);

    public static DomainError OwnerNotOnRoster(OwnerKind kind, string owner) => kind == OwnerKind.Person
        ? new("owner-not-on-roster", $"{owner} is not on the roster.", ErrorKind.Unprocessable)
        : new("owner-not-on-roster", $"Nobody on the roster is in team {owner}.", ErrorKind.Unprocessable);

    private static DomainError? ParentError(string objectiveId, string? parentId, int firstDay, int lastDay, string period, AlignmentFacts facts) =>
        parentId is null ? null
        : facts.Parent is not { } parent ? new("unknown-parent", $"There is no objective {parentId} to align to.", ErrorKind.Unprocessable)
        : !parent.Spans(firstDay, lastDay) ? new(
            "parent-in-another-period",
            $"Objective {parent.Id} is for {parent.Period}, which does not span {period}: an objective aligns to one of its own period or of a period around it (its quarter or year).",
            ErrorKind.Unprocessable)
        : parent.Id == objectiveId || facts.ParentAncestors.Contains(objectiveId) ? new(
            "alignment-cycle", $"Aligning {objectiveId} to {parent.Id} would make a cycle: {parent.Id} aligns to {objectiveId} already.", ErrorKind.Unprocessable)
        : null;
}
