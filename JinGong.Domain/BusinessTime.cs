namespace JinGong.Domain;

/// <summary>
/// The rules of business time every stream keeps (DESIGN.md, "Time"): a thing cannot have happened in
/// the future, nor before the stream's previous event.
/// </summary>
public static class BusinessTime
{
    public static DomainError? Check(DateTimeOffset occurredAt, DateTimeOffset now, DateTimeOffset? previous, FormattableString streamName) =>
        occurredAt > now ? OccurredInFuture(occurredAt, now)
        : occurredAt < previous ? new DomainError(
            "occurred-before-previous-event",
            $"occurredAt {occurredAt:O} is earlier than the last event of {streamName} ({previous:O}).",
            ErrorKind.Unprocessable)
        : null;

    /// <summary>
    /// When a fact learnt from elsewhere (another service, the bus) is recorded on a stream: when it happened, kept
    /// from going back before the stream's previous event or beyond now, since such facts arrive in any order.
    /// </summary>
    public static DateTimeOffset Clamp(DateTimeOffset happenedAt, DateTimeOffset? previous, DateTimeOffset now) =>
        happenedAt < previous ? previous.Value : happenedAt > now ? now : happenedAt;

    public static DomainError OccurredInFuture(DateTimeOffset occurredAt, DateTimeOffset now) =>
        new("occurred-in-future", $"occurredAt {occurredAt:O} is later than now ({now:O}).", ErrorKind.Unprocessable);
}
