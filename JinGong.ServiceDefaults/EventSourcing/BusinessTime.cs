namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>
/// The rules of business time every stream keeps (DESIGN.md, "Time"): a thing cannot have happened in
/// the future, nor before the stream's previous event.
/// </summary>
public static class BusinessTime
{
    public static DomainError? Check(DateTimeOffset occurredAt, DateTimeOffset now, DateTimeOffset? previous, string streamName) =>
        occurredAt > now ? OccurredInFuture(occurredAt, now)
        : occurredAt < previous ? new DomainError(
            "occurred-before-previous-event",
            $"occurredAt {occurredAt:O} is earlier than the last event of {streamName} ({previous:O}).",
            ErrorKind.Unprocessable)
        : null;

    public static DomainError OccurredInFuture(DateTimeOffset occurredAt, DateTimeOffset now) =>
        new("occurred-in-future", $"occurredAt {occurredAt:O} is later than now ({now:O}).", ErrorKind.Unprocessable);
}
