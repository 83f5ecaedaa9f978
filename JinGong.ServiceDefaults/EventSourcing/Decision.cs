namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>What a decider answers a command: the events it causes, or the rule it breaks.</summary>
public abstract record Decision
{
    public static Decision Accept(params object[] events) => new Accepted(events);

    public static Decision Reject(DomainError error) => new Rejected(error);

    public sealed record Accepted(IReadOnlyList<object> Events) : Decision;

    public sealed record Rejected(DomainError Error) : Decision;
}
