using JinGong.Domain.Time;
using JinGong.Okr.Board;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Okr.Roster;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Board;

/// <summary>Scores by hand: a key result's progress, an objective's weighted mean, rolled up a three-level tree.</summary>
public sealed class ScoringTests
{
    private static readonly Period Quarter = Period.Quarter(2026, 4);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void progress_is_the_share_of_the_way_from_start_to_target_clamped_and_works_for_targets_below_their_start()
    {
        KeyResultOf("up", start: 10, target: 50).After(CheckIn("up", 20)).Progress.Should().Be(0.25m);
        KeyResultOf("beyond", start: 0, target: 40).After(CheckIn("beyond", 55)).Progress.Should().Be(1m);
        KeyResultOf("behind", start: 10, target: 50).After(CheckIn("behind", 5)).Progress.Should().Be(0m);
        // Days sales outstanding from 60 down to 40: at 45 three quarters of the way are covered.
        KeyResultOf("down", start: 60, target: 40).After(CheckIn("down", 45)).Progress.Should().Be(0.75m);
    }

    [Fact]
    public void scores_roll_up_a_three_level_tree_as_weighted_means_of_key_results_and_aligned_objectives()
    {
        // Company ← East region (weight 3) ← East team (weight 1); company also has its own key result.
        var company = ObjectiveOf("company", parent: null, weight: 1);
        var east = ObjectiveOf("east", parent: "company", weight: 3);
        var team = ObjectiveOf("team", parent: "east", weight: 1);
        var keyResults = new[]
        {
            KeyResultOf("company-kr", "company", target: 100, weight: 1).After(CheckIn("company-kr", 20)), // 0.2
            KeyResultOf("east-kr1", "east", target: 10, weight: 1).After(CheckIn("east-kr1", 5)),         // 0.5
            KeyResultOf("east-kr2", "east", target: 10, weight: 3).After(CheckIn("east-kr2", 10)),        // 1.0
            KeyResultOf("team-kr", "team", target: 4, weight: 2).After(CheckIn("team-kr", 1)),            // 0.25
        };

        var board = OkrBoard.Build(Quarter, [company, east, team], keyResults, new Dictionary<string, Person>(), Now);

        // team = 0.25; east = (1×0.5 + 3×1.0 + 1×0.25) / 5 = 0.75; company = (1×0.2 + 3×0.75) / 4 = 0.6125
        var root = board.Roots.Should().ContainSingle().Subject;
        var eastLine = root.Children.Should().ContainSingle().Subject;
        var teamLine = eastLine.Children.Should().ContainSingle().Subject;
        teamLine.Score.Should().Be(0.25m);
        eastLine.Score.Should().Be(0.75m);
        root.Score.Should().Be(0.6125m);
        board.Objectives.Should().Be(3);
        board.KeyResults.Should().Be(4);
    }

    [Fact]
    public void an_overridden_score_stands_for_the_key_result_and_an_objective_with_nothing_under_it_has_no_score()
    {
        var scored = KeyResultOf("scored", "parent", target: 10).After(CheckIn("scored", 2)).After(new KeyResultScored("scored", 0.9m, "won the key account late", Now));
        var board = OkrBoard.Build(Quarter, [ObjectiveOf("parent", null, 1), ObjectiveOf("empty", "parent", 5)], [scored], new Dictionary<string, Person>(), Now);

        var root = board.Roots.Single();
        root.KeyResults.Single().Should().BeEquivalentTo(new { Score = 0.9m, Progress = 0.2m, Frozen = true });
        root.Children.Single().Score.Should().BeNull();
        root.Score.Should().Be(0.9m, "an objective without a score does not count in its parent's mean");
    }

    [Fact]
    public void a_team_filter_shows_the_team_s_objectives_with_the_path_to_their_root_as_context_and_the_same_scores()
    {
        var people = new Dictionary<string, Person>
        {
            ["li.wei"] = PersonIn("li.wei", "East Sales"),
            ["zhao.min"] = PersonIn("zhao.min", "West Sales"),
        };
        var company = ObjectiveOf("company", null, 1, OwnerKind.Team, "Board");
        var li = ObjectiveOf("li", "company", 1, OwnerKind.Person, "li.wei");
        var zhao = ObjectiveOf("zhao", "company", 1, OwnerKind.Person, "zhao.min");
        var keyResults = new[] { KeyResultOf("li-kr", "li", target: 10).After(CheckIn("li-kr", 10)), KeyResultOf("zhao-kr", "zhao", target: 10) };

        var board = OkrBoard.Build(Quarter, [company, li, zhao], keyResults, people, Now, team: "East Sales");

        var root = board.Roots.Single();
        root.Should().BeEquivalentTo(new { Id = "company", Context = true, Score = 0.5m });
        root.Children.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = "li", Context = false, Score = 1m });
        board.Objectives.Should().Be(1, "the company's objective is context, not the team's");
    }

    [Fact]
    public void a_manual_key_result_without_a_check_in_for_fourteen_days_is_flagged_while_its_period_runs()
    {
        var fresh = KeyResultOf("fresh", "o", target: 10, definedAt: Now.AddDays(-20)).After(CheckIn("fresh", 3, Now.AddDays(-13)));
        var stale = KeyResultOf("stale", "o", target: 10, definedAt: Now.AddDays(-20)).After(CheckIn("stale", 3, Now.AddDays(-15)));
        var neverCheckedIn = KeyResultOf("never", "o", target: 10, definedAt: Now.AddDays(-15));

        var board = OkrBoard.Build(Quarter, [ObjectiveOf("o", null, 1)], [fresh, stale, neverCheckedIn], new Dictionary<string, Person>(), Now);

        board.Roots.Single().KeyResults.Where(line => line.Stale).Select(line => line.Id).Should().BeEquivalentTo("stale", "never");
        board.StaleKeyResults.Should().Be(2);
    }

    private static Objective ObjectiveOf(string id, string? parent, decimal weight, OwnerKind kind = OwnerKind.Person, string owner = "li.wei") =>
        Objective.Evolve(null, new ObjectiveSet(id, $"objective {id}", Quarter.Name, kind, owner, parent, weight, Now.AddDays(-30)))!;

    private static KeyResult KeyResultOf(string id, string objective = "o", decimal start = 0, decimal target = 10, decimal weight = 1, DateTimeOffset? definedAt = null) =>
        KeyResult.Evolve(null, new KeyResultDefined(id, objective, $"key result {id}", start, target, "units", weight, null, Quarter.Name, Quarter.First.DayNumber, Quarter.Last.DayNumber, definedAt ?? Now.AddDays(-1)))!;

    private static KeyResultCheckedIn CheckIn(string id, decimal value, DateTimeOffset? at = null) => new(id, value, 0.7m, null, at ?? Now);

    private static Person PersonIn(string id, string team) => Person.Evolve(null, new PersonJoined(id, id, team, "East China", null, Now.AddDays(-100)))!;
}
