using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Board;

/// <summary>The board [看板] and the fill rate [填写率] through the gateway, checked by hand and against a replay of the events.</summary>
[Collection(OkrService.Collection)]
public sealed class BoardApiTests(OkrService okr)
{
    [Fact]
    public async Task the_board_rolls_scores_up_a_three_level_tree_and_equals_its_rebuild_from_events()
    {
        var team = GatewayRequests.Unique("North Sales");
        var (manager, rep) = (GatewayRequests.Unique("ma"), GatewayRequests.Unique("he"));
        await okr.JoinAsync(GatewayRequests.Unique("North China"), (manager, team), (rep, team));
        var quarter = OkrApi.ThisQuarter.Name;
        var company = await okr.SetObjectiveAsync("North China leads in electric", quarter, team, ownerKind: "team");
        var region = await okr.SetObjectiveAsync("Beijing-Tianjin: 60 units", quarter, manager, parentId: company, weight: 3);
        var personal = await okr.SetObjectiveAsync("Close Shougang", quarter, rep, parentId: region);
        var companyKr = await okr.DefineManualAsync(company, 100);
        var regionKr1 = await okr.DefineManualAsync(region, 10);
        var regionKr2 = await okr.DefineManualAsync(region, 10, weight: 3);
        var personalKr = await okr.DefineManualAsync(personal, 4, weight: 2);
        await okr.CheckInAsync(companyKr, 20);
        await okr.CheckInAsync(regionKr1, 5);
        await okr.CheckInAsync(regionKr2, 10);
        await okr.CheckInAsync(personalKr, 1, 0.4m, "waiting for their board");

        var board = await okr.GetOkAsync($"/api/okr/board?period={quarter}&team={Uri.EscapeDataString(team)}");

        // personal = 0.25; region = (0.5 + 3×1.0 + 1×0.25) / 5 = 0.75; company = (0.2 + 3×0.75) / 4 = 0.6125
        var root = board.GetProperty("roots").EnumerateArray().Single(line => line.GetProperty("id").GetString() == company);
        var regionLine = root.GetProperty("children").EnumerateArray().Single();
        var personalLine = regionLine.GetProperty("children").EnumerateArray().Single();
        personalLine.GetProperty("score").GetDecimal().Should().Be(0.25m);
        regionLine.GetProperty("score").GetDecimal().Should().Be(0.75m);
        root.GetProperty("score").GetDecimal().Should().Be(0.6125m);
        personalLine.GetProperty("owner").GetProperty("id").GetString().Should().Be(rep);
        personalLine.GetProperty("keyResults").EnumerateArray().Single().Should().Match<JsonElement>(line =>
            line.GetProperty("confidence").GetDecimal() == 0.4m && line.GetProperty("lastNote").GetString() == "waiting for their board" && !line.GetProperty("stale").GetBoolean());
        var person = await okr.GetOkAsync($"/api/okr/board?period={quarter}&person={rep}");
        person.GetProperty("objectives").GetInt32().Should().Be(1);

        // The live board (every objective of the quarter, bound key results moving meanwhile) equals the one replayed from events.
        await Eventually.ReturnsAsync(
            async _ => (await okr.GetOkAsync($"/api/okr/board?period={quarter}")).ToString() == (await okr.GetOkAsync($"/api/okr/board/replay?period={quarter}")).ToString(),
            equal => equal, TimeSpan.FromSeconds(30), "the live board to equal its replay");
        var values = await okr.GetOkAsync($"/api/okr/key-results/{personalKr}/values");
        values.EnumerateArray().Select(point => point.GetProperty("value").GetDecimal()).Should().Equal(0m, 1m);
    }

    [Fact]
    public async Task the_fill_rate_counts_people_on_the_roster_with_an_objective_of_their_own_in_the_period_by_team_and_names_the_missing()
    {
        var team = GatewayRequests.Unique("Excavator Sales");
        var people = Enumerable.Range(1, 5).Select(n => GatewayRequests.Unique($"p{n}")).Order(StringComparer.Ordinal).ToArray();
        await okr.JoinAsync(GatewayRequests.Unique("Sichuan"), [.. people.Select(person => (person, team))]);
        var quarter = OkrApi.ThisQuarter;
        var month = Domain.Time.Period.Month(quarter.Last.Year, quarter.Last.Month);
        await okr.SetObjectiveAsync("Quarterly", quarter.Name, people[0]);
        await okr.SetObjectiveAsync("Monthly, within the quarter", month.Name, people[1]);
        await okr.SetObjectiveAsync("Next year, not this quarter", $"{quarter.First.Year + 1}", people[2]);
        await okr.SetObjectiveAsync("The team's, not anyone's own", quarter.Name, team, ownerKind: "team");
        await okr.SetObjectiveAsync("Before leaving", quarter.Name, people[4]);
        await okr.PostOkAsync($"/api/okr/people/{people[4]}/leaving", new { });

        var fillRate = await okr.GetOkAsync($"/api/okr/fill-rate?period={quarter.Name}");

        // By hand: on the roster p1–p4 (p5 left); with an objective of their own this quarter p1 and p2: 2 of 4.
        var line = fillRate.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("team").GetString() == team);
        line.GetProperty("people").GetInt32().Should().Be(4);
        line.GetProperty("filled").GetInt32().Should().Be(2);
        line.GetProperty("rate").GetDecimal().Should().Be(0.5m);
        line.GetProperty("missing").EnumerateArray().Select(missing => missing.GetProperty("id").GetString()).Should().Equal(people[2], people[3]);
    }
}
