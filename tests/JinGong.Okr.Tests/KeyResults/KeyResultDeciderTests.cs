using JinGong.Domain.Time;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Testing;

namespace JinGong.Okr.Tests.KeyResults;

/// <summary>A key result's rules as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class KeyResultDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly Period Quarter = Period.Quarter(2026, 4);

    // 2027 begins in China at 16:00 UTC on 31 December 2026: the quarter is over from then on.
    private static readonly DateTimeOffset QuarterOver = new(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);

    private static readonly Objective Objective =
        new object[] { new ObjectiveSet("OBJ-1", "Grow loaders", Quarter.Name, OwnerKind.Person, "qian", null, 1m, Now.AddDays(-60)) }.Fold<Objective>()!;

    private static readonly Binding UnitsSold = new(Metric.UnitsSold, MetricFilter.All);

    private static readonly KeyResultDefined ManualDefined = Defined(binding: null);

    private static readonly KeyResultDefined BoundDefined = Defined(UnitsSold);

    private static readonly Guid Placed = Guid.NewGuid();

    private static readonly Guid Cancelled = Guid.NewGuid();

    /// <summary>Nothing defined yet, on <see cref="Objective"/>.</summary>
    private static DeciderSpecification<KeyResultCommand, KeyResult> NoKeyResult =>
        DeciderSpecification.For<KeyResultCommand, KeyResult>((command, state) => KeyResultDecider.Decide(command, state, Objective));

    private static DeciderSpecification<KeyResultCommand, KeyResult> Manual => NoKeyResult.Given(ManualDefined);

    private static DeciderSpecification<KeyResultCommand, KeyResult> Bound => NoKeyResult.Given(BoundDefined);

    /// <summary>Bound, and holding 3 units from order ORD-1 (counted a day ago).</summary>
    private static DeciderSpecification<KeyResultCommand, KeyResult> BoundWithOrder =>
        Bound.Given(new KeyResultProgressed("KR-1", "order:ORD-1", 3, 0, [Placed], Placed, Now.AddDays(-1), Now.AddDays(-1)));

    private static DeciderSpecification<KeyResultCommand, KeyResult> Scored => Manual.Given(new KeyResultScored("KR-1", 0.8m, "a good quarter", QuarterOver));

    private static KeyResultDefined Defined(Binding? binding) =>
        new("KR-1", "OBJ-1", "Sell 40 loaders", 0, 40, "units", 1, binding, Quarter.Name, Quarter.First.DayNumber, Quarter.Last.DayNumber, Now.AddDays(-30));

    private static DefineKeyResult Define(Binding? binding = null, DateTimeOffset? occurredAt = null) =>
        new("KR-1", "OBJ-1", "Sell 40 loaders", 0, 40, "units", 1, binding, occurredAt ?? Now.AddDays(-30), Now);

    private static CheckIn CheckIn(DateTimeOffset occurredAt, DateTimeOffset? now = null) => new("KR-1", 12, 0.7m, "two deals signed", occurredAt, now ?? Now);

    private static ScoreKeyResult Score(DateTimeOffset now) => new("KR-1", 0.8m, "a good quarter", now, now);

    private static FollowRecord Follow(decimal units, Guid[] eventIds, DateTimeOffset factOccurredAt, string source = "order:ORD-1") =>
        new("KR-1", source, new Contribution(units, 0, eventIds), eventIds[^1], factOccurredAt, Now);

    [Fact]
    public void a_key_result_is_defined_once_on_an_objective_and_spans_its_period()
    {
        NoKeyResult.When(Define()).Then(ManualDefined);
        NoKeyResult.When(Define(UnitsSold)).Then(BoundDefined);
        Bound.State!.IsBound.Should().BeTrue();
        Manual.State!.IsBound.Should().BeFalse();
        Manual.When(Define()).ThenRejects("key-result-already-defined");
        NoKeyResult.When(Define(occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        DeciderSpecification.For<KeyResultCommand, KeyResult>((command, state) => KeyResultDecider.Decide(command, state, objective: null))
            .When(Define()).ThenRejects("objective-not-found");
    }

    [Fact]
    public void only_a_defined_key_result_is_checked_in_scored_or_moved()
    {
        NoKeyResult.When(CheckIn(Now)).ThenRejects("key-result-not-found");
        NoKeyResult.When(Score(QuarterOver)).ThenRejects("key-result-not-found");
        NoKeyResult.When(Follow(3, [Placed], Now)).ThenRejects("key-result-not-found");
    }

    [Fact]
    public void a_manual_key_result_is_checked_in_with_its_value_confidence_and_note()
    {
        Manual.When(CheckIn(Now)).Then(new KeyResultCheckedIn("KR-1", 12, 0.7m, "two deals signed", Now));
    }

    [Fact]
    public void a_bound_key_result_takes_no_check_ins()
    {
        Bound.When(CheckIn(Now)).ThenRejects("key-result-bound");
    }

    [Fact]
    public void a_key_result_is_scored_once_its_period_is_over_on_the_china_calendar()
    {
        // 15:59 UTC on 31 December is still the quarter's last day in China.
        Manual.When(Score(QuarterOver.AddMinutes(-1))).ThenRejects("period-not-over");
        Manual.When(Score(QuarterOver)).Then(new KeyResultScored("KR-1", 0.8m, "a good quarter", QuarterOver));
        Bound.When(Score(QuarterOver)).Then(new KeyResultScored("KR-1", 0.8m, "a good quarter", QuarterOver));
    }

    [Fact]
    public void a_scored_key_result_is_frozen()
    {
        Scored.State!.Frozen.Should().BeTrue();
        Scored.When(CheckIn(QuarterOver.AddDays(1), now: QuarterOver.AddDays(1))).ThenRejects("key-result-frozen");
        Scored.When(Score(QuarterOver.AddDays(1))).ThenRejects("key-result-frozen");
    }

    [Fact]
    public void a_check_in_or_a_score_is_dated_between_the_key_result_s_last_event_and_now()
    {
        Manual.When(CheckIn(Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        Manual.When(CheckIn(ManualDefined.OccurredAt.AddTicks(-1))).ThenRejects("occurred-before-previous-event");
        Manual.When(CheckIn(ManualDefined.OccurredAt)).Events.Should().ContainSingle();
        Scored.When(Score(QuarterOver.AddTicks(-1)) with { Now = QuarterOver.AddDays(1) }).ThenRejects("occurred-before-previous-event");
    }

    [Fact]
    public void a_bound_key_result_moves_when_a_record_s_contribution_changes_and_counts_it_when_it_happened()
    {
        var factAt = Now.AddHours(-3);

        Bound.When(Follow(3, [Placed], factAt)).Then(new KeyResultProgressed("KR-1", "order:ORD-1", 3, 0, [Placed], Placed, factAt, factAt));
        BoundWithOrder.When(Follow(0, [Placed, Cancelled], factAt))
            .Then(new KeyResultProgressed("KR-1", "order:ORD-1", 0, 0, [Placed, Cancelled], Cancelled, factAt, factAt));
        BoundWithOrder.When(Follow(2, [Placed], factAt, source: "order:ORD-2"))
            .Then(new KeyResultProgressed("KR-1", "order:ORD-2", 2, 0, [Placed], Placed, factAt, factAt));
    }

    [Fact]
    public void a_contribution_the_key_result_holds_already_moves_nothing()
    {
        BoundWithOrder.When(Follow(3, [Placed], Now)).Then();
        Bound.When(new FollowRecord("KR-1", "order:ORD-9", new Contribution(0, 0, []), Placed, Now, Now)).Then();

        // Same units, from other facts: the events behind it changed, so it moves.
        BoundWithOrder.When(Follow(3, [Cancelled], Now)).Events.Should().ContainSingle();
    }

    [Fact]
    public void a_frozen_key_result_follows_no_record()
    {
        Bound.Given(new KeyResultScored("KR-1", 0.5m, "half way", QuarterOver)).When(Follow(5, [Placed], QuarterOver)).Then();
    }

    [Fact]
    public void a_fact_from_a_record_is_counted_no_earlier_than_the_key_result_s_last_event_and_no_later_than_now()
    {
        var lastEvent = Now.AddDays(-1);

        BoundWithOrder.When(Follow(4, [Cancelled], lastEvent.AddDays(-5)))
            .Then(new KeyResultProgressed("KR-1", "order:ORD-1", 4, 0, [Cancelled], Cancelled, lastEvent.AddDays(-5), lastEvent));
        BoundWithOrder.When(Follow(4, [Cancelled], Now.AddMinutes(5)))
            .Then(new KeyResultProgressed("KR-1", "order:ORD-1", 4, 0, [Cancelled], Cancelled, Now.AddMinutes(5), Now));
    }
}
