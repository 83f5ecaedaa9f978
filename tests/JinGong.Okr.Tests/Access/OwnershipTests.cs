using System.Net;
using System.Net.Http.Json;
using JinGong.Domain.Time;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Access;

/// <summary>
/// An objective, its key results and their check-ins are written by their owner, the owner's manager chain on the
/// roster, an executive or an administrator; scoring belongs to the manager chain (docs/access.md).
/// </summary>
[Collection(OkrService.Collection)]
public sealed class OwnershipTests(OkrService okr)
{
    [Fact]
    public async Task an_objective_is_written_by_its_owner_and_their_manager_chain_and_scored_by_the_chain_only()
    {
        var region = GatewayRequests.Unique("Shanxi");
        var team = GatewayRequests.Unique("North Sales");
        var (director, manager, rep, peer) = (GatewayRequests.Unique("zhou"), GatewayRequests.Unique("sun"), GatewayRequests.Unique("ma"), GatewayRequests.Unique("he"));
        await okr.PostOkAsync("/api/okr/people/import", new
        {
            people = new[]
            {
                new { id = director, name = "Zhou", team = "Sales Board", region, manager = (string?)null },
                new { id = manager, name = "Sun", team, region, manager = (string?)director },
                new { id = rep, name = "Ma", team, region, manager = (string?)manager },
                new { id = peer, name = "He", team, region, manager = (string?)manager },
            },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-400),
        });
        using var asRep = okr.SignedInAs(rep, [Roles.SalesRep], region);
        using var asPeer = okr.SignedInAs(peer, [Roles.SalesRep], region);
        using var asManager = okr.SignedInAs(manager, [Roles.SalesRep], region);
        using var asDirector = okr.SignedInAs(director, [Roles.RegionalManager], region);
        using var asOtherManager = okr.SignedInAs(GatewayRequests.Unique("qian"), [Roles.RegionalManager], region);
        // Last quarter's, so that it can be scored.
        var lastQuarter = OkrApi.ThisQuarter.First.AddDays(-1);
        var period = Period.Quarter(lastQuarter.Year, ((lastQuarter.Month - 1) / 3) + 1);
        var inPeriod = ChinaTime.StartOf(period.First).AddDays(1);
        var before = await okr.EventCountAsync();

        using (var forAPeer = await asPeer.PostAsJsonAsync("/api/okr/objectives", new { title = "Win Shanxi", period = period.Name, ownerKind = "person", owner = rep }))
        {
            await forAPeer.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
        }

        (await okr.EventCountAsync()).Should().Be(before, "a refusal appends nothing");
        var objective = (await (await asRep.PostAsJsonAsync("/api/okr/objectives", new { title = "Win Shanxi", period = period.Name, ownerKind = "person", owner = rep, occurredAt = inPeriod }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var keyResult = (await (await asDirector.PostAsJsonAsync($"/api/okr/objectives/{objective}/key-results", new { title = "reach 10", start = 0, target = 10, unit = "units", occurredAt = inPeriod }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        foreach (var (who, caller) in new[] { ("a peer", asPeer), ("a regional manager outside the chain", asOtherManager) })
        {
            using var checkIn = await caller.PostAsJsonAsync($"/api/okr/key-results/{keyResult}/check-ins", new { value = 3, confidence = 0.5 });
            await checkIn.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
            using var scoring = await caller.PostAsJsonAsync($"/api/okr/key-results/{keyResult}/scoring", new { score = 0.9, reason = "by " + who });
            await scoring.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
        }

        (await (await asRep.PostAsJsonAsync($"/api/okr/key-results/{keyResult}/check-ins", new { value = 3, confidence = 0.5 })).JsonAsync()).GetProperty("value").GetDecimal().Should().Be(3);
        (await (await asManager.PostAsJsonAsync($"/api/okr/key-results/{keyResult}/check-ins", new { value = 4, confidence = 0.6 })).JsonAsync()).GetProperty("value").GetDecimal().Should().Be(4);
        using (var ownScoring = await asRep.PostAsJsonAsync($"/api/okr/key-results/{keyResult}/scoring", new { score = 1.0, reason = "my own" }))
        {
            await ownScoring.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
        }

        (await (await asDirector.PostAsJsonAsync($"/api/okr/key-results/{keyResult}/scoring", new { score = 0.5, reason = "half way" })).JsonAsync())
            .GetProperty("frozen").GetBoolean().Should().BeTrue("the owner's manager's manager scores it");
        (await okr.GetOkAsync($"/api/okr/key-results/{keyResult}")).GetProperty("value").GetDecimal().Should().Be(4, "the refused check-ins changed nothing");
    }

    [Fact]
    public async Task a_team_s_objective_is_written_by_the_team_s_managers_not_by_its_members()
    {
        var region = GatewayRequests.Unique("Hebei");
        var team = GatewayRequests.Unique("Crane Service");
        var (lead, member) = (GatewayRequests.Unique("lin"), GatewayRequests.Unique("guo"));
        await okr.PostOkAsync("/api/okr/people/import", new
        {
            people = new[]
            {
                new { id = lead, name = "Lin", team = "Service Board", region, manager = (string?)null },
                new { id = member, name = "Guo", team, region, manager = (string?)lead },
            },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-400),
        });
        using var asMember = okr.SignedInAs(member, [Roles.FleetOperations]);
        using var asLead = okr.SignedInAs(lead, [Roles.FleetOperations]);
        var objective = new { title = "No crane idle", period = OkrApi.ThisQuarter.Name, ownerKind = "team", owner = team };

        using (var byMember = await asMember.PostAsJsonAsync("/api/okr/objectives", objective))
        {
            await byMember.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
        }

        (await (await asLead.PostAsJsonAsync("/api/okr/objectives", objective)).JsonAsync(HttpStatusCode.Created)).GetProperty("ownerId").GetString().Should().Be(team);
    }
}
