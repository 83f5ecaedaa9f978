namespace JinGong.Domain.Tests;

/// <summary>Several commands decided in turn, each on the state the ones before left; the rules of business time.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private sealed record Added(int Amount);

    private sealed record Tally(int Total)
    {
        public static Tally? Evolve(Tally? state, object @event) => @event is Added added ? new Tally((state?.Total ?? 0) + added.Amount) : state;
    }

    // Adds up to a ceiling of 10: a rule that depends on what the steps before added.
    private static Func<Tally, Decision> Add(int amount) => tally => tally.Total + amount > 10
        ? Decision.Reject(new("over-ten", $"{tally.Total} + {amount} is over 10.", ErrorKind.Unprocessable))
        : Decision.Accept(new Added(amount));

    [Fact]
    public void each_step_is_decided_on_the_state_the_steps_before_left_and_all_their_events_are_kept()
    {
        var decision = Decision.InTurn(new Tally(1), [Add(2), Add(3), _ => Decision.Accept(), Add(4)], Tally.Evolve);

        decision.Should().BeOfType<Decision.Accepted>().Which.Events.Should().Equal(new Added(2), new Added(3), new Added(4));
    }

    [Fact]
    public void the_first_rule_broken_rejects_them_all()
    {
        var decision = Decision.InTurn(new Tally(1), [Add(2), Add(3), Add(5), Add(1)], Tally.Evolve);

        decision.Should().BeOfType<Decision.Rejected>().Which.Error.Rule.Should().Be("over-ten");
    }

    [Fact]
    public void a_thing_happens_neither_in_the_future_nor_before_the_stream_s_last_event()
    {
        BusinessTime.Check(Now, Now, Now.AddHours(-1), $"order ORD-1").Should().BeNull();
        BusinessTime.Check(Now.AddHours(-1), Now, Now.AddHours(-1), $"order ORD-1").Should().BeNull();
        BusinessTime.Check(Now.AddTicks(1), Now, null, $"order ORD-1")!.Rule.Should().Be("occurred-in-future");
        BusinessTime.Check(Now.AddHours(-2), Now, Now.AddHours(-1), $"order ORD-1")!.Rule.Should().Be("occurred-before-previous-event");
    }

    [Fact]
    public void a_fact_learnt_from_elsewhere_is_recorded_at_its_time_kept_between_the_stream_s_last_event_and_now()
    {
        BusinessTime.Clamp(Now.AddHours(-3), Now.AddHours(-2), Now).Should().Be(Now.AddHours(-2));
        BusinessTime.Clamp(Now.AddHours(-1), Now.AddHours(-2), Now).Should().Be(Now.AddHours(-1));
        BusinessTime.Clamp(Now.AddHours(1), null, Now).Should().Be(Now);
    }
}
