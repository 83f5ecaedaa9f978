using System.Net;
using System.Net.Http.Json;
using JinGong.Domain.Time;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Objectives;

/// <summary>Objectives belong to someone on the roster and align into a tree of enclosing periods, never into a cycle.</summary>
[Collection(OkrService.Collection)]
public sealed class ObjectiveRulesTests(OkrService okr)
{
    [Fact]
    public async Task two_alignments_that_would_close_a_loop_together_cannot_both_succeed()
    {
        var team = GatewayRequests.Unique("Port Sales");
        await okr.JoinAsync(GatewayRequests.Unique("Tianjin"), (GatewayRequests.Unique("gao"), team));
        var quarter = OkrApi.ThisQuarter.Name;
        var (ports, cranes) = (await okr.SetObjectiveAsync("Win two ports", quarter, team, ownerKind: "team"),
            await okr.SetObjectiveAsync("Electrify the cranes", quarter, team, ownerKind: "team"));

        // Each alone is fine; at the same moment, the one decided second sees the first and is refused for the loop
        // (decided again after its transaction failed), never both accepted and never a bare conflict.
        var answers = await Task.WhenAll(Align(ports, cranes), Align(cranes, ports));

        answers.Select(answer => answer.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity], string.Join("\n", answers.Select(answer => answer.Body)));
        answers.Single(answer => answer.Status != HttpStatusCode.OK).Body.Should().Contain("alignment-cycle");

        async Task<(HttpStatusCode Status, string Body)> Align(string child, string parent)
        {
            using var answer = await okr.Api.PostAsJsonAsync($"/api/okr/objectives/{child}/alignment", new { parentId = parent });
            return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task an_objective_aligns_to_one_of_its_own_or_an_enclosing_period_and_the_tree_never_closes_into_a_cycle()
    {
        var (owner, team) = (GatewayRequests.Unique("sun"), GatewayRequests.Unique("Mining Sales"));
        await okr.JoinAsync(GatewayRequests.Unique("Inner Mongolia"), (owner, team));
        var quarter = OkrApi.ThisQuarter;
        var month = Period.Month(quarter.First.Year, quarter.First.Month);
        var annual = await okr.SetObjectiveAsync("Lead electric mining", $"{quarter.First.Year}", team, ownerKind: "team");
        var company = await okr.SetObjectiveAsync("Sell 400 units", quarter.Name, team, ownerKind: "team", parentId: annual);
        var region = await okr.SetObjectiveAsync("Inner Mongolia: 120 units", quarter.Name, owner, parentId: company, weight: 3);
        var monthly = await okr.SetObjectiveAsync("First month: 40 units", month.Name, owner, parentId: region);
        var before = await okr.EventCountAsync();

        using (var cycle = await okr.Api.PostAsJsonAsync($"/api/okr/objectives/{company}/alignment", new { parentId = region }))
        {
            await cycle.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "alignment-cycle");
        }

        using (var self = await okr.Api.PostAsJsonAsync($"/api/okr/objectives/{region}/alignment", new { parentId = region }))
        {
            await self.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "alignment-cycle");
        }

        using (var narrower = await okr.Api.PostAsJsonAsync($"/api/okr/objectives/{region}/alignment", new { parentId = monthly }))
        {
            await narrower.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "parent-in-another-period");
        }

        using (var unknown = await okr.Api.PostAsJsonAsync($"/api/okr/objectives/{region}/alignment", new { parentId = "OBJ-NOWHERE" }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-parent");
        }

        (await okr.EventCountAsync()).Should().Be(before);

        // Straight to the annual objective is fine, and the tree follows.
        var realigned = await okr.PostOkAsync($"/api/okr/objectives/{region}/alignment", new { parentId = annual });
        realigned.GetProperty("parentId").GetString().Should().Be(annual);
    }

    [Fact]
    public async Task two_re_alignments_racing_to_close_a_loop_never_both_succeed()
    {
        var owner = GatewayRequests.Unique("tang");
        await okr.JoinAsync(GatewayRequests.Unique("Fujian"), (owner, GatewayRequests.Unique("Port Sales")));
        for (var round = 0; round < 5; round++)
        {
            var a = await okr.SetObjectiveAsync($"A{round}", OkrApi.ThisQuarter.Name, owner);
            var b = await okr.SetObjectiveAsync($"B{round}", OkrApi.ThisQuarter.Name, owner);

            var answers = await Task.WhenAll(
                okr.Api.PostAsJsonAsync($"/api/okr/objectives/{a}/alignment", new { parentId = b }),
                okr.Api.PostAsJsonAsync($"/api/okr/objectives/{b}/alignment", new { parentId = a }));

            answers.Select(answer => answer.StatusCode).Should().OnlyContain(status => status == HttpStatusCode.OK || status == HttpStatusCode.Conflict || status == HttpStatusCode.UnprocessableEntity);
            answers.Count(answer => answer.IsSuccessStatusCode).Should().BeLessThanOrEqualTo(1, "both would make A and B each other's parent");
            var parents = new[] { await ParentOfAsync(a), await ParentOfAsync(b) };
            parents.Should().NotEqual([b, a]);
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    [Fact]
    public async Task an_objective_for_someone_not_on_the_roster_a_negative_weight_or_an_unknown_period_is_refused_and_nothing_is_appended()
    {
        var owner = GatewayRequests.Unique("zhou");
        await okr.JoinAsync(GatewayRequests.Unique("Shanxi"), (owner, GatewayRequests.Unique("Coal Sales")));
        var quarter = OkrApi.ThisQuarter.Name;
        var nextYear = await okr.SetObjectiveAsync("Next year's plan", $"{OkrApi.ThisQuarter.First.Year + 1}", owner);
        var before = await okr.EventCountAsync();

        await RefusedAsync(new { title = "Ghost", period = quarter, ownerKind = "person", owner = "nobody-here" }, HttpStatusCode.UnprocessableEntity, "owner-not-on-roster");
        await RefusedAsync(new { title = "Ghost team", period = quarter, ownerKind = "team", owner = "No Such Team" }, HttpStatusCode.UnprocessableEntity, "owner-not-on-roster");
        await RefusedAsync(new { title = "Misaligned", period = quarter, ownerKind = "person", owner, parentId = nextYear }, HttpStatusCode.UnprocessableEntity, "parent-in-another-period");
        using (var negative = await okr.Api.PostAsJsonAsync("/api/okr/objectives", new { title = "Heavy", period = quarter, ownerKind = "person", owner, weight = -1 }))
        {
            await negative.ShouldBeValidationProblemAsync("weight");
        }

        using (var badPeriod = await okr.Api.PostAsJsonAsync("/api/okr/objectives", new { title = "When?", period = "2026-13", ownerKind = "person", owner }))
        {
            await badPeriod.ShouldBeValidationProblemAsync("period");
        }

        using (var unknownKind = await okr.Api.PostAsJsonAsync("/api/okr/objectives", new { title = "Whose?", period = quarter, ownerKind = "robot", owner }))
        {
            unknownKind.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await okr.EventCountAsync()).Should().Be(before);
    }

    private async Task<string?> ParentOfAsync(string objective) =>
        (await okr.GetOkAsync($"/api/okr/objectives/{objective}")).GetProperty("parentId").GetString();

    private async Task RefusedAsync(object request, HttpStatusCode status, string rule)
    {
        using var answer = await okr.Api.PostAsJsonAsync("/api/okr/objectives", request);
        await answer.ShouldBeProblemAsync(status, rule);
    }
}
