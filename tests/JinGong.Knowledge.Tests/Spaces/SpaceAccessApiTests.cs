using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Okr;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Spaces;

/// <summary>
/// Who may read and write a space, granted to everyone, roles, teams of OKR's roster (followed from the bus) and regions,
/// and enforced on every read, list and search: a page its reader may not read is not there for them.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class SpaceAccessApiTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan RosterDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_space_read_only_by_a_team_is_not_there_for_anyone_else_until_they_join_that_team()
    {
        var word = GatewayRequests.Unique("薪酬");
        var space = await knowledge.CreateSpaceAsync("薪酬制度", "Rules");
        var page = await knowledge.CreatePageIdAsync(space, "薪酬发放", $"每月十日发放 {word}");
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Team", name = "finance", level = "Read" });
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Everyone", level = "None" });

        var (accountant, outsider) = (GatewayRequests.Unique("acct"), GatewayRequests.Unique("rep"));
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));
        var joined = DateTimeOffset.UtcNow.AddDays(-30);
        await bus.PublishAsync(new PersonJoinedRoster(accountant, "Tang Hui", "finance", "east", null, joined), Guid.NewGuid());
        await bus.PublishAsync(new PersonJoinedRoster(outsider, "Zhao Lei", "east-sales", "east", null, joined), Guid.NewGuid());
        using var member = knowledge.SignedInAs(accountant, [Roles.Finance]);
        using var other = knowledge.SignedInAs(outsider, [Roles.SalesRep], "east");

        await StatusWhenAsync(member, $"/api/knowledge/pages/{page}", HttpStatusCode.OK, "the team's member reads its page once the roster says who they are");
        (await ListedSpacesAsync(member)).Should().Contain(space);
        (await FoundPagesAsync(member, word)).Should().Equal(page);

        foreach (var path in new[] { $"/api/knowledge/pages/{page}", $"/api/knowledge/pages/{page}/history", $"/api/knowledge/pages/{page}/revisions",
                     $"/api/knowledge/pages/{page}/diff?from=1&to=1", $"/api/knowledge/spaces/{space}", $"/api/knowledge/spaces/{space}/tree" })
        {
            await (await other.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound, path.Contains("/pages/") ? "page-not-found" : "space-not-found");
        }

        (await ListedSpacesAsync(other)).Should().NotContain(space);
        (await FoundPagesAsync(other, word)).Should().BeEmpty("search finds only what its reader may read");

        // Moving into the team opens the space; leaving the company closes it again.
        await bus.PublishAsync(new PersonMovedOnRoster(outsider, "Zhao Lei", "finance", "east", null, joined.AddDays(1)), Guid.NewGuid());
        await StatusWhenAsync(other, $"/api/knowledge/pages/{page}", HttpStatusCode.OK, "a person moved into the team reads its space");
        await bus.PublishAsync(new PersonLeftRoster(outsider, joined.AddDays(2)), Guid.NewGuid());
        await StatusWhenAsync(other, $"/api/knowledge/pages/{page}", HttpStatusCode.NotFound, "someone who left reads nothing a team was granted");
    }

    [Fact]
    public async Task a_region_granted_editing_writes_pages_and_only_the_spaces_administrators_change_who_may_do_what()
    {
        var space = await knowledge.CreateSpaceAsync("华东营销工具包", "MarketingToolkit");
        using var eastRep = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        using var northRep = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "north");
        await (await eastRep.PostAsJsonAsync($"/api/knowledge/spaces/{space}/pages", new { title = "港口话术", body = "" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");

        var granted = await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Region", name = "east", level = "Edit" });
        granted.GetProperty("grants").EnumerateArray().Should().Contain(grant =>
            grant.GetProperty("grantee").GetProperty("kind").GetString() == "Region" && grant.GetProperty("level").GetString() == "Edit");
        var page = (await (await eastRep.PostAsJsonAsync($"/api/knowledge/spaces/{space}/pages", new { title = "港口话术", body = "装卸效率" })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        (await (await eastRep.GetAsync($"/api/knowledge/spaces/{space}/tree")).JsonAsync()).GetProperty("access").GetString().Should().Be("Edit");
        await (await northRep.PostAsJsonAsync($"/api/knowledge/pages/{page}/revisions", new { title = "港口话术", body = "改" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");
        await (await eastRep.PostAsJsonAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Region", name = "north", level = "Edit" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-a-space-administrator");

        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Region", name = "north", level = "Administer" });
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Region", name = "east", level = "None" });
        using var byNorth = await northRep.PostAsJsonAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Region", name = "east", level = "Read" });
        byNorth.StatusCode.Should().Be(HttpStatusCode.OK, "a region that administers the space says who may do what in it");
        await (await eastRep.PostAsJsonAsync($"/api/knowledge/pages/{page}/revisions", new { title = "港口话术", body = "改" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");
    }

    [Fact]
    public async Task a_grant_that_names_nothing_known_is_a_problem_and_changes_nothing()
    {
        var space = await knowledge.CreateSpaceAsync();
        var path = $"/api/knowledge/spaces/{space}/access";
        await (await knowledge.Api.PostAsJsonAsync(path, new { kind = "Role", name = "janitor", level = "Read" })).ShouldBeValidationProblemAsync("name");
        await (await knowledge.Api.PostAsJsonAsync(path, new { kind = "Region", name = "mars", level = "Read" })).ShouldBeValidationProblemAsync("name");
        await (await knowledge.Api.PostAsJsonAsync(path, new { kind = "Everyone", name = "all", level = "Read" })).ShouldBeValidationProblemAsync("name");
        await (await knowledge.Api.PostAsJsonAsync(path, new { kind = "Team", level = "Read" })).ShouldBeValidationProblemAsync("name");
        await (await knowledge.Api.PostAsJsonAsync(path, new { kind = "Team", name = "finance" })).ShouldBeValidationProblemAsync("level");
        await (await knowledge.Api.PostAsJsonAsync(path, new { kind = "Everyone", level = "Read" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "access-unchanged");
        await (await knowledge.Api.PostAsJsonAsync("/api/knowledge/spaces/SPACE-NONE/access", new { kind = "Everyone", level = "None" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "space-not-found");
        (await knowledge.EventCountAsync(space)).Should().Be(1, "only the space's opening is recorded");
    }

    private static async Task StatusWhenAsync(HttpClient client, string path, HttpStatusCode status, string what) =>
        await Eventually.ReturnsAsync(async cancellationToken => (await client.GetAsync(path, cancellationToken)).StatusCode, answer => answer == status, RosterDeadline, what);

    private static async Task<IReadOnlyList<string?>> ListedSpacesAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("/api/knowledge/spaces?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray().Select(space => space.GetProperty("id").GetString())];

    private static async Task<IReadOnlyList<string?>> FoundPagesAsync(HttpClient client, string word) =>
        [.. (await (await client.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString(word)}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(hit => hit.GetProperty("pageId").GetString())];
}
