namespace JinGong.Domain;

/// <summary>What a decider answers a command: the events it causes, or the rule it breaks.</summary>
public abstract record Decision
{
    public static Decision Accept(params object[] events) => new Accepted(events);

    public static Decision Reject(DomainError error) => new Rejected(error);

    /// <summary>
    /// Decides <paramref name="steps"/> one after another, each on the state the ones before left: all their events, or the
    /// first rule broken (and then none).
    /// </summary>
    public static Decision InTurn<TState>(TState state, IEnumerable<Func<TState, Decision>> steps, Func<TState?, object, TState?> evolve)
        where TState : class
    {
        var events = new List<object>();
        foreach (var step in steps)
        {
            switch (step(state))
            {
                case Rejected rejected:
                    return rejected;
                case Accepted accepted:
                    events.AddRange(accepted.Events);
                    state = accepted.Events.Aggregate(state, evolve)!;
                    break;
            }
        }

        return new Accepted(events);
    }

    public sealed record Accepted(IReadOnlyList<object> Events) : Decision;

    public sealed record Rejected(DomainError Error) : Decision;
}
