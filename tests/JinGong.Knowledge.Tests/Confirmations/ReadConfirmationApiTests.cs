using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Okr;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Confirmations;

/// <summary>
/// Reading confirmations over HTTP: a space asks a team of the roster (followed from the bus) to confirm reading its
/// pages; each person sees what they have still to confirm, confirms it, and the space's approvers read who has not.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class ReadConfirmationApiTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan RosterDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_team_asked_confirms_each_current_revision_and_the_read_rate_says_who_has_not()
    {
        var team = GatewayRequests.Unique("finance");
        var space = await knowledge.CreateSpaceAsync("报销制度", "Rules");
        var page = await knowledge.CreatePageIdAsync(space, "差旅报销", "住宿每晚 400 元以内");
        var asked = await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/read-confirmation", new { teams = new[] { team, $" {team} " } });
        asked.GetProperty("confirmingTeams").EnumerateArray().Select(name => name.GetString()).Should().Equal(team);

        var (tang, zhao) = (GatewayRequests.Unique("tang"), GatewayRequests.Unique("zhao"));
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));
        var joined = DateTimeOffset.UtcNow.AddDays(-30);
        await bus.PublishAsync(new PersonJoinedRoster(tang, "Tang Hui", team, "east", null, joined), Guid.NewGuid());
        await bus.PublishAsync(new PersonJoinedRoster(zhao, "Zhao Lei", team, "east", null, joined), Guid.NewGuid());
        using var reader = knowledge.SignedInAs(tang, [Roles.Finance]);
        using var colleague = knowledge.SignedInAs(zhao, [Roles.Finance]);

        var pending = await PendingWhenAsync(reader, list => list.GetArrayLength() == 1);
        pending[0].GetProperty("pageId").GetString().Should().Be(page);
        pending[0].GetProperty("revision").GetInt32().Should().Be(1);
        var confirmed = await (await reader.PostAsJsonAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision = 1 })).JsonAsync();
        confirmed.GetProperty("pages").EnumerateArray().Should().ContainSingle(reading => reading.GetProperty("pageId").GetString() == page && reading.GetProperty("revision").GetInt32() == 1);
        await (await reader.PostAsJsonAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "reading-already-confirmed");
        (await (await reader.GetAsync("/api/knowledge/read-confirmations/pending")).JsonAsync()).GetArrayLength().Should().Be(0);

        var rate = await knowledge.GetOkAsync($"/api/knowledge/spaces/{space}/read-rate");
        rate.GetProperty("people").GetInt32().Should().Be(2);
        rate.GetProperty("confirmed").GetInt32().Should().Be(1);
        rate.GetProperty("rate").GetDecimal().Should().Be(0.5m);
        var missing = rate.GetProperty("byTeam")[0].GetProperty("missing");
        missing.GetArrayLength().Should().Be(1);
        missing[0].GetProperty("id").GetString().Should().Be(zhao);
        missing[0].GetProperty("pages").EnumerateArray().Select(id => id.GetString()).Should().Equal(page);
        await (await reader.GetAsync($"/api/knowledge/spaces/{space}/read-rate")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-a-space-approver");

        // A new revision is to be read again, by everyone asked.
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "差旅报销", body = "住宿每晚 450 元以内" });
        (await PendingWhenAsync(reader, list => list.GetArrayLength() == 1))[0].GetProperty("revision").GetInt32().Should().Be(2);
        await (await reader.PostAsJsonAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "revision-not-current");
        (await knowledge.GetOkAsync($"/api/knowledge/spaces/{space}/read-rate")).GetProperty("confirmed").GetInt32().Should().Be(0);

        // An administrator records a colleague's signed sheet; nobody else confirms for another, nor for someone not on the roster.
        await (await reader.PostAsJsonAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision = 2, person = zhao }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-a-space-administrator");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision = 2, person = GatewayRequests.Unique("ghost") }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "person-not-on-roster");
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision = 2, person = zhao });
        (await (await colleague.GetAsync("/api/knowledge/read-confirmations/pending")).JsonAsync()).GetArrayLength().Should().Be(0, "what was recorded for them is confirmed");
        var after = await knowledge.GetOkAsync($"/api/knowledge/spaces/{space}/read-rate");
        after.GetProperty("byPage")[0].GetProperty("confirmed").GetInt32().Should().Be(1);
        after.GetProperty("byTeam")[0].GetProperty("missing")[0].GetProperty("id").GetString().Should().Be(tang);
    }

    [Fact]
    public async Task a_confirmation_nobody_asked_for_or_badly_formed_is_a_problem_and_records_nothing()
    {
        var space = await knowledge.CreateSpaceAsync("行业资讯", "IndustryNews");
        var page = await knowledge.CreatePageIdAsync(space, "电芯价格", "下行");
        var person = GatewayRequests.Unique("rep");
        using var reader = knowledge.SignedInAs(person, [Roles.SalesRep], "east");
        var path = $"/api/knowledge/pages/{page}/read-confirmation";
        await (await reader.PostAsJsonAsync(path, new { revision = 1 })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "read-confirmation-not-asked");
        await (await reader.PostAsJsonAsync(path, new { })).ShouldBeValidationProblemAsync("revision");
        await (await reader.PostAsJsonAsync(path, new { revision = 0 })).ShouldBeValidationProblemAsync("revision");
        await (await reader.PostAsJsonAsync(path, new { revision = 1, person = "not an id!" })).ShouldBeValidationProblemAsync("person");
        await (await reader.PostAsJsonAsync("/api/knowledge/pages/PAGE-NONE/read-confirmation", new { revision = 1 })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/spaces/{space}/read-confirmation", new { })).ShouldBeValidationProblemAsync("teams");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/spaces/{space}/read-confirmation", new { teams = new[] { " " } })).ShouldBeValidationProblemAsync("teams");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/spaces/{space}/read-confirmation", new { teams = Array.Empty<string>() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "read-confirmation-unchanged");
        await (await reader.PostAsJsonAsync($"/api/knowledge/spaces/{space}/read-confirmation", new { teams = new[] { "finance" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-a-space-administrator");
        (await knowledge.EventCountAsync($"reader:{person}")).Should().Be(0);
        (await knowledge.EventCountAsync(space)).Should().Be(1, "only the space's opening is recorded");
    }

    private static Task<JsonElement> PendingWhenAsync(HttpClient client, Func<JsonElement, bool> condition) =>
        Eventually.ReturnsAsync(
            async cancellationToken => await (await client.GetAsync("/api/knowledge/read-confirmations/pending", cancellationToken)).JsonAsync(),
            condition, RosterDeadline, "the pages the reader is asked to confirm, once the roster says which team they are in");
}
