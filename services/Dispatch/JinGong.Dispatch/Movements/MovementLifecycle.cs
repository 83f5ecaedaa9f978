using JinGong.Domain;

namespace JinGong.Dispatch.Movements;

/// <summary>
/// How fleet's answers move a loan or a transfer: fleet sets off (<paramref name="StartedBy"/>) a movement still
/// <paramref name="Requested"/>, completes (<paramref name="CompletedBy"/>) one <paramref name="UnderWay"/>, or refuses one
/// still requested. Each answer moves it once: a repeated or stale one decides nothing.
/// </summary>
public sealed record MovementLifecycle<TStatus>(string StartedBy, string CompletedBy, TStatus Requested, IReadOnlyList<TStatus> UnderWay)
    where TStatus : struct, Enum
{
    public Decision Answered(TStatus status, string cause, object started, object completed) =>
        Decision.Accept([.. cause == StartedBy && status.Equals(Requested) ? [started]
            : cause == CompletedBy && UnderWay.Contains(status) ? [completed]
            : Array.Empty<object>()]);

    public Decision Refused(TStatus status, object refused) => Decision.Accept([.. status.Equals(Requested) ? [refused] : Array.Empty<object>()]);
}
