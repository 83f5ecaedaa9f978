using FluentAssertions;
using JinGong.Domain;

namespace JinGong.Testing;

/// <summary>
/// A decider's rules as Given (the stream's events) / When (a command) / Then (the events it causes, or the rule it
/// breaks), without I/O — the shape of EventSourcing.NetCore's <c>Specification.For</c>.
/// </summary>
public static class DeciderSpecification
{
    /// <summary>The stream's state is folded with <typeparamref name="TState"/>'s own <c>Evolve</c>.</summary>
    public static DeciderSpecification<TCommand, TState> For<TCommand, TState>(Func<TCommand, TState?, Decision> decide)
        where TState : class, IEvolving<TState> =>
        new(decide, []);
}

public sealed record DeciderSpecification<TCommand, TState>(Func<TCommand, TState?, Decision> Decide, IReadOnlyList<object> History)
    where TState : class, IEvolving<TState>
{
    /// <summary>The stream so far (nothing: a command on a stream not there yet).</summary>
    public DeciderSpecification<TCommand, TState> Given(params object[] events) => this with { History = [.. History, .. events] };

    /// <summary>The state <see cref="History"/> leaves.</summary>
    public TState? State => History.Fold<TState>();

    public DecisionOutcome When(TCommand command) => new(Decide(command, State));
}

public sealed record DecisionOutcome(Decision Decision)
{
    /// <summary>
    /// The command is accepted with exactly these events, in this order, of these types and with these fields (none:
    /// accepted, and nothing changes).
    /// </summary>
    public void Then(params object[] events) =>
        Decision.Should().BeOfType<Decision.Accepted>().Which.Events.Should().BeEquivalentTo(events, options => options.WithStrictOrdering().RespectingRuntimeTypes());

    /// <summary>The command is refused by <paramref name="rule"/>, and so appends nothing; the error, for assertions on its kind.</summary>
    public DomainError ThenRejects(string rule)
    {
        var error = Decision.Should().BeOfType<Decision.Rejected>().Which.Error;
        error.Rule.Should().Be(rule);
        return error;
    }

    /// <summary>The events of an accepted command, for assertions on generated ids and the like.</summary>
    public IReadOnlyList<object> Events => Decision.Should().BeOfType<Decision.Accepted>().Which.Events;
}
