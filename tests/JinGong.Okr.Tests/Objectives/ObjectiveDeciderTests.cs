using JinGong.Domain.Time;
using JinGong.Okr.Objectives;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Objectives;

/// <summary>An objective's rules as a pure function: given its events and what is known around it, when a command, then events or the rule broken.</summary>
public sealed class ObjectiveDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly Period Quarter = Period.Quarter(2026, 4);

    private static readonly Objective Annual = Objective(new("OBJ-Y", "Lead electric mining", "2026", OwnerKind.Team, "Mining Sales", null, 1m, Now.AddDays(-200)));
    private static readonly Objective NextYear = Objective(new("OBJ-N", "Next year's plan", "2027", OwnerKind.Team, "Mining Sales", null, 1m, Now.AddDays(-10)));
    private static readonly Objective November = Objective(new("OBJ-M", "First month: 40 units", "2026-11", OwnerKind.Person, "sun", null, 1m, Now.AddDays(-20)));
    private static readonly Objective OtherQuarterly = Objective(new("OBJ-O", "Port Sales: 30 units", Quarter.Name, OwnerKind.Person, "tang", null, 1m, Now.AddDays(-20)));

    // What is known around the objective: whether its owner is on the roster, the parent asked for and that parent's ancestors.
    private static readonly AlignmentFacts NoParent = new(OwnerOnRoster: true, Parent: null, ParentAncestors: []);
    private static readonly AlignmentFacts OwnerNotOnRoster = NoParent with { OwnerOnRoster = false };
    private static readonly AlignmentFacts UnderAnnual = NoParent with { Parent = Annual };

    private static readonly ObjectiveSet QuarterlySet = new("OBJ-Q", "Inner Mongolia: 120 units", Quarter.Name, OwnerKind.Person, "sun", "OBJ-Y", 3m, Now.AddDays(-30));

    private static Objective Objective(ObjectiveSet set) => new object[] { set }.Fold<Objective>()!;

    /// <summary>The objective's stream, decided on knowing <paramref name="facts"/>.</summary>
    private static DeciderSpecification<ObjectiveCommand, Objective> Knowing(AlignmentFacts facts) =>
        DeciderSpecification.For<ObjectiveCommand, Objective>((command, state) => ObjectiveDecider.Decide(command, state, facts));

    private static SetObjective Set(
        Period period, string? parentId = null, OwnerKind ownerKind = OwnerKind.Person, string owner = "sun", DateTimeOffset? occurredAt = null) =>
        new("OBJ-Q", "Inner Mongolia: 120 units", period, ownerKind, owner, parentId, 3m, occurredAt ?? Now.AddDays(-30), Now);

    private static AlignObjective Align(string? parentId, DateTimeOffset? occurredAt = null) => new("OBJ-Q", parentId, occurredAt ?? Now, Now);

    [Fact]
    public void an_objective_is_set_once_for_an_owner_on_the_roster_and_never_in_the_future()
    {
        Knowing(NoParent).When(Set(Quarter))
            .Then(new ObjectiveSet("OBJ-Q", "Inner Mongolia: 120 units", "2026-Q4", OwnerKind.Person, "sun", null, 3m, Now.AddDays(-30)));
        Knowing(NoParent).Given(QuarterlySet).When(Set(Quarter)).ThenRejects("objective-already-set");
        Knowing(OwnerNotOnRoster).When(Set(Quarter)).ThenRejects("owner-not-on-roster");
        Knowing(OwnerNotOnRoster).When(Set(Quarter, ownerKind: OwnerKind.Team, owner: "No Such Team")).ThenRejects("owner-not-on-roster");
        Knowing(NoParent).When(Set(Quarter, occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future");
    }

    [Fact]
    public void an_objective_is_set_under_a_parent_of_its_own_period_or_one_around_it()
    {
        Knowing(UnderAnnual).When(Set(Quarter, parentId: "OBJ-Y")).Then(QuarterlySet);
        Knowing(NoParent with { Parent = OtherQuarterly }).When(Set(Quarter, parentId: "OBJ-O")).Events.Should().ContainSingle();
        Knowing(NoParent with { Parent = November }).When(Set(Quarter, parentId: "OBJ-M")).ThenRejects("parent-in-another-period");
        Knowing(NoParent with { Parent = NextYear }).When(Set(Quarter, parentId: "OBJ-N")).ThenRejects("parent-in-another-period");
        Knowing(NoParent).When(Set(Quarter, parentId: "OBJ-NOWHERE")).ThenRejects("unknown-parent");
    }

    [Fact]
    public void an_objective_realigns_to_another_parent_or_to_none()
    {
        Knowing(NoParent with { Parent = OtherQuarterly }).Given(QuarterlySet).When(Align("OBJ-O")).Then(new ObjectiveAligned("OBJ-Q", "OBJ-O", Now));
        Knowing(NoParent).Given(QuarterlySet).When(Align(null)).Then(new ObjectiveAligned("OBJ-Q", null, Now));
        Knowing(UnderAnnual).Given(QuarterlySet).When(Align("OBJ-Y")).ThenRejects("objective-already-aligned");
        Knowing(NoParent).Given(QuarterlySet, new ObjectiveAligned("OBJ-Q", null, Now.AddDays(-1))).When(Align(null)).ThenRejects("objective-already-aligned");
        Knowing(NoParent).When(Align(null)).ThenRejects("objective-not-found");
    }

    [Fact]
    public void a_realignment_keeps_the_parent_s_period_around_the_objective_s_own()
    {
        Knowing(NoParent with { Parent = November }).Given(QuarterlySet).When(Align("OBJ-M")).ThenRejects("parent-in-another-period");
        Knowing(NoParent).Given(QuarterlySet).When(Align("OBJ-NOWHERE")).ThenRejects("unknown-parent");
    }

    [Fact]
    public void an_objective_never_aligns_to_itself_nor_under_one_of_its_descendants()
    {
        var quarterly = Objective(QuarterlySet);

        Knowing(NoParent with { Parent = quarterly }).Given(QuarterlySet).When(Align("OBJ-Q")).ThenRejects("alignment-cycle");
        Knowing(NoParent with { Parent = OtherQuarterly, ParentAncestors = ["OBJ-Q", "OBJ-Y"] }).Given(QuarterlySet).When(Align("OBJ-O")).ThenRejects("alignment-cycle");
        Knowing(NoParent with { Parent = OtherQuarterly, ParentAncestors = ["OBJ-Y"] }).Given(QuarterlySet).When(Align("OBJ-O")).Events.Should().ContainSingle();
    }

    [Fact]
    public void an_objective_whose_owner_left_the_roster_still_realigns()
    {
        Knowing(OwnerNotOnRoster with { Parent = OtherQuarterly }).Given(QuarterlySet).When(Align("OBJ-O")).Then(new ObjectiveAligned("OBJ-Q", "OBJ-O", Now));
    }

    [Fact]
    public void a_realignment_is_dated_between_the_objective_s_last_event_and_now()
    {
        var quarterly = Knowing(NoParent).Given(QuarterlySet);

        quarterly.When(Align(null, occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        quarterly.When(Align(null, occurredAt: QuarterlySet.OccurredAt.AddTicks(-1))).ThenRejects("occurred-before-previous-event");
        quarterly.When(Align(null, occurredAt: QuarterlySet.OccurredAt)).Then(new ObjectiveAligned("OBJ-Q", null, QuarterlySet.OccurredAt));
    }
}
