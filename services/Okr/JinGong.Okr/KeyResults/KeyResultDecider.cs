using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.Okr.Objectives;

namespace JinGong.Okr.KeyResults;

public abstract record KeyResultCommand(string KeyResultId, DateTimeOffset OccurredAt, DateTimeOffset Now);

public sealed record DefineKeyResult(
    string KeyResultId, string ObjectiveId, string Title, decimal Start, decimal Target, string Unit, decimal Weight, Binding? Binding,
    DateTimeOffset OccurredAt, DateTimeOffset Now) : KeyResultCommand(KeyResultId, OccurredAt, Now);

public sealed record CheckIn(string KeyResultId, decimal Value, decimal Confidence, string? Note, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : KeyResultCommand(KeyResultId, OccurredAt, Now);

public sealed record ScoreKeyResult(string KeyResultId, decimal Score, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : KeyResultCommand(KeyResultId, OccurredAt, Now);

/// <summary>
/// A bound key result learns a record's contribution (<paramref name="Source"/> is the record's id, <paramref name="CausedBy"/>
/// the event behind it); <paramref name="FactOccurredAt"/> is when the record's latest fact happened.
/// </summary>
public sealed record FollowRecord(string KeyResultId, string Source, Contribution Contribution, Guid CausedBy, DateTimeOffset FactOccurredAt, DateTimeOffset Now)
    : KeyResultCommand(KeyResultId, FactOccurredAt, Now);

/// <summary>
/// Every rule of a key result: it belongs to an objective and spans its period; only manual ones are checked in;
/// end-of-period scoring comes once the period is over, and freezes it.
/// </summary>
public static class KeyResultDecider
{
    /// <param name="objective">The objective a new key result is defined on (null when there is none).</param>
    public static Decision Decide(KeyResultCommand command, KeyResult? state, Objective? objective = null)
    {
        if (command is DefineKeyResult define)
        {
            return state is not null ? Decision.Reject(new("key-result-already-defined", $"Key result {define.KeyResultId} was defined already.", ErrorKind.Conflict))
                : objective is null ? Decision.Reject(ObjectiveDecider.NotFound(define.ObjectiveId))
                : define.OccurredAt > define.Now ? Decision.Reject(BusinessTime.OccurredInFuture(define.OccurredAt, define.Now))
                : Decision.Accept(new KeyResultDefined(
                    define.KeyResultId, objective.Id, define.Title, define.Start, define.Target, define.Unit, define.Weight, define.Binding,
                    objective.Period, objective.FirstDay, objective.LastDay, define.OccurredAt));
        }

        if (state is null)
        {
            return Decision.Reject(NotFound(command.KeyResultId));
        }

        if (command is FollowRecord follow)
        {
            // Facts from records are counted as they come (they happened), once each.
            return Follow(follow, state);
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"key result {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        if (state.Frozen)
        {
            return Decision.Reject(new("key-result-frozen", $"Key result {state.Id} was scored at the end of its period ({state.ScoreOverride}): it is frozen.", ErrorKind.Conflict));
        }

        return command switch
        {
            CheckIn when state.IsBound => Decision.Reject(new(
                "key-result-bound", $"Key result {state.Id} is bound to {state.Binding!.Metric} and moves by itself from business events; it takes no check-ins.", ErrorKind.Conflict)),
            CheckIn checkIn => Decision.Accept(new KeyResultCheckedIn(state.Id, checkIn.Value, checkIn.Confidence, checkIn.Note, checkIn.OccurredAt)),
            ScoreKeyResult score when ChinaTime.DateOf(score.Now).DayNumber <= state.LastDay => Decision.Reject(new(
                "period-not-over", $"Key result {state.Id}'s period ends on {DateOnly.FromDayNumber(state.LastDay):yyyy-MM-dd}; it is scored once the period is over.", ErrorKind.Conflict)),
            ScoreKeyResult score => Decision.Accept(new KeyResultScored(state.Id, score.Score, score.Reason, score.OccurredAt)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a key result."),
        };
    }

    public static DomainError NotFound(string id) => new("key-result-not-found", $"There is no key result {id}.", ErrorKind.NotFound);

    /// <summary>
    /// What a bound key result learns from a record: a progress event when the record's contribution differs from what
    /// the key result holds for it (so a fact seen twice moves nothing), none when frozen.
    /// </summary>
    private static Decision Follow(FollowRecord follow, KeyResult state)
    {
        var (contribution, held) = (follow.Contribution, state.Contributions.GetValueOrDefault(follow.Source) ?? new Contribution(0, 0, []));
        if (state.Frozen || (held.Numerator == contribution.Numerator && held.Denominator == contribution.Denominator && held.EventIds.SequenceEqual(contribution.EventIds)))
        {
            return Decision.Accept();
        }

        // The stream's business time never goes back; when the fact happened is kept beside it.
        var occurredAt = BusinessTime.Clamp(follow.FactOccurredAt, state.LastOccurredAt, follow.Now);
        return Decision.Accept(new KeyResultProgressed(
            state.Id, follow.Source, contribution.Numerator, contribution.Denominator, contribution.EventIds, follow.CausedBy, follow.FactOccurredAt, occurredAt));
    }
}
