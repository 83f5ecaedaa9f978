using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Pages;

/// <summary>Review before publish over HTTP: drafts are their editors', readers see the last approved revision.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class PageReviewApiTests(KnowledgeService knowledge)
{
    [Fact]
    public async Task in_a_reviewed_space_a_draft_is_submitted_returned_saved_again_and_approved_and_readers_see_only_what_was_approved()
    {
        var word = GatewayRequests.Unique("差旅");
        var space = await knowledge.CreateSpaceAsync("财务制度", "Rules", [Roles.Finance]);
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/review", new { required = true });
        using var author = knowledge.SignedInAs(GatewayRequests.Unique("fin"), [Roles.Finance]);
        using var approver = knowledge.SignedInAs(GatewayRequests.Unique("cfo"), [Roles.Executive]);
        using var reader = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Role", name = Roles.Executive, level = "Approve" });

        var created = await (await author.PostAsJsonAsync($"/api/knowledge/spaces/{space}/pages", new { title = "差旅报销", body = $"住宿每晚不超过 500 元 {word}" }))
            .JsonAsync(HttpStatusCode.Created);
        var page = created.GetProperty("id").GetString()!;
        created.GetProperty("revisions").GetInt32().Should().Be(0, "nothing is published before review");
        created.GetProperty("draftVersion").GetInt32().Should().Be(1);
        await (await reader.GetAsync($"/api/knowledge/pages/{page}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");
        (await Titles(reader, space)).Should().NotContain("差旅报销");
        (await Titles(author, space)).Should().Contain("差旅报销");
        await (await author.PostAsJsonAsync($"/api/knowledge/pages/{page}/revisions", new { title = "差旅报销", body = "直接发布" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "review-required");

        await Ok(author, $"/api/knowledge/pages/{page}/draft/submission", new { version = 1 });
        await (await author.PostAsJsonAsync($"/api/knowledge/pages/{page}/draft/approval", new { version = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-approver");
        await Ok(approver, $"/api/knowledge/pages/{page}/draft/return", new { version = 1, reason = "请注明一线城市标准" });
        var returned = await (await author.GetAsync($"/api/knowledge/pages/{page}/draft")).JsonAsync();
        returned.GetProperty("draft").GetProperty("returnedBecause").GetString().Should().Be("请注明一线城市标准");
        await (await reader.GetAsync($"/api/knowledge/pages/{page}/draft")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");

        await Ok(author, $"/api/knowledge/pages/{page}/draft", new { title = "差旅报销", body = $"住宿每晚不超过 500 元，一线城市 800 元 {word}" });
        await (await approver.PostAsJsonAsync($"/api/knowledge/pages/{page}/draft/approval", new { version = 1 })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "draft-changed");
        await Ok(author, $"/api/knowledge/pages/{page}/draft/submission", new { version = 2 });
        var published = await Ok(approver, $"/api/knowledge/pages/{page}/draft/approval", new { version = 2 });
        published.GetProperty("revision").GetProperty("body").GetString().Should().Contain("一线城市 800 元");
        published.GetProperty("revision").GetProperty("author").GetString().Should().NotBeNull();
        published.TryGetProperty("draftVersion", out var draftVersion).Should().BeTrue();
        draftVersion.ValueKind.Should().Be(JsonValueKind.Null);

        (await (await reader.GetAsync($"/api/knowledge/pages/{page}")).JsonAsync()).GetProperty("revision").GetProperty("body").GetString().Should().Contain("800");
        (await (await reader.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString(word)}")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(1);
        (await (await knowledge.Api.GetAsync($"/api/knowledge/pages/{page}/history")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(entry => entry.GetProperty("type").GetString()).Should().Equal(
                "page_revision_published_v1", "page_draft_approved_v1", "page_draft_submitted_v1", "page_draft_saved_v1", "page_draft_returned_v1",
                "page_draft_submitted_v1", "page_draft_saved_v1", "page_created_v1");
    }

    private static async Task<JsonElement> Ok(HttpClient client, string path, object body) => await (await client.PostAsJsonAsync(path, body)).JsonAsync();

    private static async Task<IReadOnlyList<string?>> Titles(HttpClient client, string space) =>
        [.. (await (await client.GetAsync($"/api/knowledge/spaces/{space}/tree")).JsonAsync()).GetProperty("pages").EnumerateArray().Select(node => node.GetProperty("title").GetString())];
}
