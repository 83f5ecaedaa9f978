using JinGong.Okr.Roster;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Roster;

/// <summary>
/// The roster's rules as pure functions: given the people on file, when a roster is imported (or someone leaves), then
/// each person's own events or the rule broken.
/// </summary>
public sealed class RosterDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Joined = Now.AddDays(-30);

    private static readonly RosterEntry LiEntry = new("li", $"Li Wei", "Key Accounts", "east", null);
    private static readonly RosterEntry WangEntry = new("wang", $"Wang Fang", "Key Accounts", "east", "li");
    private static readonly RosterEntry ChenEntry = new("chen", $"Chen Jie", "Key Accounts", "east", "li");

    private static readonly Person Li = PersonAfter(JoinedAs(LiEntry, Joined));
    private static readonly Person Wang = PersonAfter(JoinedAs(WangEntry, Joined));

    /// <summary>Chen joined, then left a week ago.</summary>
    private static readonly Person ChenWhoLeft = PersonAfter(JoinedAs(ChenEntry, Joined), new PersonLeft("chen", Now.AddDays(-7)));

    private static PersonJoined JoinedAs(RosterEntry entry, DateTimeOffset at) => new(entry.Id, entry.Name, entry.Team, entry.Region, entry.Manager, at);

    private static Person PersonAfter(params object[] events) => events.Fold<Person>()!;

    private static Dictionary<string, Person> OnFile(params Person[] people) => people.ToDictionary(person => person.Id, StringComparer.Ordinal);

    private static DecisionOutcome Import(IReadOnlyDictionary<string, Person> onFile, bool complete, params RosterEntry[] entries) =>
        ImportAt(Now, onFile, complete, entries);

    private static DecisionOutcome ImportAt(DateTimeOffset occurredAt, IReadOnlyDictionary<string, Person> onFile, bool complete, params RosterEntry[] entries) =>
        new(RosterDecider.Import(entries, onFile, complete, occurredAt, Now));

    [Fact]
    public void people_not_on_file_join_and_people_who_left_join_again()
    {
        Import(OnFile(ChenWhoLeft), complete: false, LiEntry, ChenEntry).Then(JoinedAs(LiEntry, Now), JoinedAs(ChenEntry, Now));
        PersonAfter(JoinedAs(ChenEntry, Joined), new PersonLeft("chen", Now.AddDays(-7)), JoinedAs(ChenEntry, Now)).OnRoster.Should().BeTrue();
    }

    [Fact]
    public void a_person_moves_when_their_team_region_manager_or_name_differs_and_nothing_is_recorded_for_one_unchanged()
    {
        static PersonMoved Moved(RosterEntry entry) => new(entry.Id, entry.Name, entry.Team, entry.Region, entry.Manager, Now);

        foreach (var moved in new[] { WangEntry with { Team = "Port Sales" }, WangEntry with { Region = "south" }, WangEntry with { Manager = null }, WangEntry with { Name = "Wang, Fang" } })
        {
            Import(OnFile(Li, Wang), complete: false, moved).Then(Moved(moved));
        }

        Import(OnFile(Li, Wang), complete: false, LiEntry, WangEntry).Then();
    }

    [Fact]
    public void a_complete_import_leaves_whoever_is_on_the_roster_and_not_in_it_once()
    {
        Import(OnFile(Li, Wang, ChenWhoLeft), complete: true, LiEntry).Then(new PersonLeft("wang", Now));
        Import(OnFile(Li, Wang, ChenWhoLeft), complete: false, LiEntry).Then();
    }

    [Fact]
    public void each_event_of_an_import_is_one_person_s_own_in_the_order_of_the_import_then_the_leavers()
    {
        var events = Import(OnFile(Li, Wang, ChenWhoLeft), complete: true, ChenEntry, LiEntry with { Team = "Strategic Accounts" }).Events;

        events.Should().BeEquivalentTo(
            new object[]
            {
                JoinedAs(ChenEntry, Now),
                new PersonMoved("li", "Li Wei", "Strategic Accounts", "east", null, Now),
                new PersonLeft("wang", Now),
            },
            options => options.WithStrictOrdering().RespectingRuntimeTypes());
        events.Cast<IPersonEvent>().Select(change => change.PersonId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void an_import_is_dated_no_later_than_now_and_no_earlier_than_the_last_event_of_anyone_it_changes()
    {
        var beforeJoining = Joined.AddDays(-1);

        ImportAt(Now.AddMinutes(1), OnFile(), complete: false, LiEntry).ThenRejects("occurred-in-future");
        ImportAt(beforeJoining, OnFile(Li), complete: false, LiEntry with { Team = "Port Sales" }).ThenRejects("occurred-before-previous-event");
        ImportAt(beforeJoining, OnFile(Li, Wang), complete: true, LiEntry).ThenRejects("occurred-before-previous-event");

        // Nobody unchanged is touched, and someone new has no earlier event.
        ImportAt(beforeJoining, OnFile(Li), complete: false, LiEntry, WangEntry).Then(JoinedAs(WangEntry, beforeJoining));
        ImportAt(Now.AddDays(-8), OnFile(ChenWhoLeft), complete: false, ChenEntry).ThenRejects("occurred-before-previous-event");
    }

    [Fact]
    public void a_manager_is_someone_named_in_the_import_or_on_the_roster_and_staying()
    {
        var onFile = OnFile(Li, ChenWhoLeft);
        HashSet<string> imported = ["wang"];

        RosterDecider.ManagerKnown("wang", imported, onFile, complete: true).Should().BeTrue();
        RosterDecider.ManagerKnown("li", imported, onFile, complete: false).Should().BeTrue();
        RosterDecider.ManagerKnown("li", imported, onFile, complete: true).Should().BeFalse("a complete import without li leaves them");
        RosterDecider.ManagerKnown("chen", imported, onFile, complete: false).Should().BeFalse("chen left");
        RosterDecider.ManagerKnown("nobody", imported, onFile, complete: false).Should().BeFalse();
    }

    [Fact]
    public void someone_on_the_roster_leaves_once_no_earlier_than_their_last_event()
    {
        new DecisionOutcome(RosterDecider.Leave(Li, Now, Now)).Then(new PersonLeft("li", Now));
        new DecisionOutcome(RosterDecider.Leave(ChenWhoLeft, Now, Now)).ThenRejects("person-not-on-roster");
        new DecisionOutcome(RosterDecider.Leave(Li, Joined.AddTicks(-1), Now)).ThenRejects("occurred-before-previous-event");
        new DecisionOutcome(RosterDecider.Leave(Li, Now.AddMinutes(1), Now)).ThenRejects("occurred-in-future");
    }
}
