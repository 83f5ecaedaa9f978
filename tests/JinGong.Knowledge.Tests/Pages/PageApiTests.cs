using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Pages;

/// <summary>Spaces and pages over HTTP, on a real PostgreSQL: every revision kept, any two compared, any moment read again.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class PageApiTests(KnowledgeService knowledge)
{
    [Fact]
    public async Task a_space_shows_its_pages_as_a_tree_in_their_order_and_a_move_keeps_the_history()
    {
        var space = await knowledge.CreateSpaceAsync("产品资料", "ProductMaterials");
        var loaders = await knowledge.CreatePageIdAsync(space, "装载机");
        var ld50 = (await knowledge.CreatePageAsync(space, "LD-50E", "五吨", loaders, position: 2)).GetProperty("id").GetString()!;
        var ld30 = (await knowledge.CreatePageAsync(space, "LD-30E", "三吨", loaders, position: 1)).GetProperty("id").GetString()!;
        var trucks = await knowledge.CreatePageIdAsync(space, "矿卡");

        var tree = await knowledge.GetOkAsync($"/api/knowledge/spaces/{space}/tree");
        tree.GetProperty("space").GetProperty("kind").GetString().Should().Be("ProductMaterials");
        Titles(tree.GetProperty("pages")).Should().Equal("装载机", "矿卡");
        Titles(tree.GetProperty("pages")[0].GetProperty("children")).Should().Equal("LD-30E", "LD-50E");

        await knowledge.PostOkAsync($"/api/knowledge/pages/{ld50}/place", new { parentId = trucks, position = 0 });
        (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/pages/{loaders}/place", new { parentId = ld30, position = 0 }))
            .Should().Match<HttpResponseMessage>(answer => answer.StatusCode == HttpStatusCode.UnprocessableEntity);
        var other = await knowledge.CreateSpaceAsync("营销工具包", "MarketingToolkit");
        using var elsewhere = await knowledge.Api.PostAsJsonAsync($"/api/knowledge/pages/{ld30}/place", new { parentId = await knowledge.CreatePageIdAsync(other, "话术") });
        await elsewhere.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "parent-in-another-space");

        var moved = await knowledge.GetOkAsync($"/api/knowledge/spaces/{space}/tree");
        Titles(moved.GetProperty("pages")[1].GetProperty("children")).Should().Equal("LD-50E");
        Titles(moved.GetProperty("pages")[0].GetProperty("children")).Should().Equal("LD-30E");
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{ld50}/history")).GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("type").GetString())
            .Should().Equal("page_moved_v1", "page_revision_published_v1", "page_created_v1");
    }

    [Fact]
    public async Task every_revision_is_kept_any_two_compare_line_by_line_and_an_old_one_is_restored_as_a_new_one()
    {
        var space = await knowledge.CreateSpaceAsync();
        var page = await knowledge.CreatePageIdAsync(space, "考勤规定", "九点前打卡。\n迟到扣款。");
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "考勤规定", body = "九点前打卡。\n迟到三次扣半天。\n外出须登记。" });
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/title", new { title = "考勤管理规定" });

        var diff = await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/diff?from=1&to=2");
        diff.GetProperty("lines").EnumerateArray().Select(line => $"{line.GetProperty("kind").GetString()} {line.GetProperty("text").GetString()}")
            .Should().Equal("Unchanged 九点前打卡。", "Removed 迟到扣款。", "Added 迟到三次扣半天。", "Added 外出须登记。");
        (diff.GetProperty("added").GetInt32(), diff.GetProperty("removed").GetInt32()).Should().Be((2, 1));
        var backwards = await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/diff?from=2&to=1");
        backwards.GetProperty("added").GetInt32().Should().Be(1);

        var restored = await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/restoration", new { revision = 1 });
        restored.GetProperty("revision").GetProperty("number").GetInt32().Should().Be(3);
        restored.GetProperty("revision").GetProperty("restoredFrom").GetInt32().Should().Be(1);
        restored.GetProperty("revision").GetProperty("body").GetString().Should().Be("九点前打卡。\n迟到扣款。");
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/revisions")).EnumerateArray().Select(revision => revision.GetProperty("number").GetInt32())
            .Should().Equal(1, 2, 3);
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}?revision=2")).GetProperty("revision").GetProperty("body").GetString()
            .Should().Be("九点前打卡。\n迟到三次扣半天。\n外出须登记。");
        using var missing = await knowledge.Api.GetAsync($"/api/knowledge/pages/{page}/diff?from=1&to=9");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound, "revision-not-found");
    }

    [Fact]
    public async Task a_page_reads_as_it_did_at_any_moment()
    {
        var space = await knowledge.CreateSpaceAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var page = (await knowledge.CreatePageAsync(space, "安全规定", "戴安全帽。", occurredAt: start)).GetProperty("id").GetString()!;
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "安全规定", body = "戴安全帽，穿反光背心。", occurredAt = start.AddDays(5) });

        var then = await knowledge.GetOkAsync($"/api/knowledge/pages/{page}?asOf={Uri.EscapeDataString(start.AddDays(1).ToString("O"))}");
        then.GetProperty("revision").GetProperty("body").GetString().Should().Be("戴安全帽。");
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}")).GetProperty("revision").GetProperty("body").GetString().Should().Be("戴安全帽，穿反光背心。");
        using var before = await knowledge.Api.GetAsync($"/api/knowledge/pages/{page}?asOf={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}");
        await before.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-there-yet");
    }

    [Fact]
    public async Task a_write_naming_an_old_version_is_refused_and_one_sent_again_with_its_key_is_answered_once()
    {
        var space = await knowledge.CreateSpaceAsync();
        var page = await knowledge.CreatePageIdAsync(space, "报销制度", "第一版");
        using var read = await knowledge.Api.GetAsync($"/api/knowledge/pages/{page}");
        var etag = read.Headers.ETag!.Tag;
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "报销制度", body = "第二版" });

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/pages/{page}/revisions") { Content = JsonContent.Create(new { title = "报销制度", body = "第三版" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        await (await knowledge.Api.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "stream-moved");

        var key = Guid.NewGuid().ToString();
        using var first = await knowledge.Api.SendWithKeyAsync(HttpMethod.Post, $"/api/knowledge/pages/{page}/revisions", new { title = "报销制度", body = "第三版" }, key);
        using var again = await knowledge.Api.SendWithKeyAsync(HttpMethod.Post, $"/api/knowledge/pages/{page}/revisions", new { title = "报销制度", body = "第三版" }, key);
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        again.Headers.GetValues("Idempotent-Replayed").Should().Contain("true");
        (await knowledge.EventCountAsync(page)).Should().Be(4, "created, revisions 1, 2 and 3: the repeat appended nothing");
    }

    [Fact]
    public async Task every_role_reads_administrators_open_spaces_and_only_a_spaces_editors_write_its_pages()
    {
        var space = await knowledge.CreateSpaceAsync("行业资讯", "IndustryNews", [Roles.Executive]);
        var page = await knowledge.CreatePageIdAsync(space, "锂电池价格");
        using var rep = knowledge.SignedInAs("rep.zhao", [Roles.SalesRep], "east");
        using var executive = knowledge.SignedInAs("exec.qian", [Roles.Executive]);
        using var auditor = knowledge.SignedInAs("audit.sun", [Roles.Auditor]);

        (await rep.GetAsync($"/api/knowledge/pages/{page}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await auditor.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString("锂电")}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await executive.PostAsJsonAsync("/api/knowledge/spaces", new { name = "x", kind = "Rules" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await rep.PostAsJsonAsync($"/api/knowledge/pages/{page}/revisions", new { title = "锂电池价格", body = "下降" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");
        await (await rep.PostAsJsonAsync($"/api/knowledge/spaces/{space}/pages", new { title = "新", body = "" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");
        (await auditor.PostAsJsonAsync($"/api/knowledge/pages/{page}/title", new { title = "改" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var published = await (await executive.PostAsJsonAsync($"/api/knowledge/pages/{page}/revisions", new { title = "锂电池价格", body = "下降" })).JsonAsync();
        published.GetProperty("revision").GetProperty("author").GetString().Should().Be("exec.qian");
        (await knowledge.EventCountAsync(page)).Should().Be(3, "only the editor's revision was appended");
    }

    [Fact]
    public async Task bad_input_is_a_problem_and_changes_nothing()
    {
        var space = await knowledge.CreateSpaceAsync();
        var page = await knowledge.CreatePageIdAsync(space, "信息安全");

        await (await knowledge.Api.PostAsJsonAsync("/api/knowledge/spaces", new { name = " ", kind = "Rules", editors = new[] { "auditor" } })).ShouldBeValidationProblemAsync("name", "editors");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/spaces/{space}/pages", new { title = "t", body = new string('字', 100_001) })).ShouldBeValidationProblemAsync("body");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/spaces/{space}/pages", new { title = "t", body = "b", parentId = "PAGE-NONE" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "parent-not-found");
        await (await knowledge.Api.PostAsJsonAsync("/api/knowledge/spaces/SPACE-NONE/pages", new { title = "t", body = "b" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "space-not-found");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/pages/{page}/revisions", new { title = "信息安全", body = "正文" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "revision-unchanged");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/pages/{page}/restoration", new { revision = 0 })).ShouldBeValidationProblemAsync("revision");
        await (await knowledge.Api.GetAsync($"/api/knowledge/pages/{page}?revision=1&asOf=2026-01-01T00:00:00Z")).ShouldBeValidationProblemAsync("asOf");
        await (await knowledge.Api.GetAsync($"/api/knowledge/pages/{page}/diff?from=1")).ShouldBeValidationProblemAsync("to");
        (await knowledge.EventCountAsync(page)).Should().Be(2);
    }

    private static IEnumerable<string?> Titles(JsonElement pages) => pages.EnumerateArray().Select(node => node.GetProperty("title").GetString());
}
