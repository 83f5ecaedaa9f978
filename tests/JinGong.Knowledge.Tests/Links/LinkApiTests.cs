using System.Net;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Links;

/// <summary>Backlinks and mentions over HTTP, as the pages read now: a revision that drops a link drops the backlink, a restore brings it back.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class LinkApiTests(KnowledgeService knowledge)
{
    [Fact]
    public async Task a_page_shows_the_pages_whose_current_revision_links_to_it_with_their_title_and_space()
    {
        var rules = await knowledge.CreateSpaceAsync("规章制度");
        var toolkit = await knowledge.CreateSpaceAsync("营销工具包", "MarketingToolkit");
        var safety = await knowledge.CreatePageIdAsync(rules, "现场安全规范");
        var mine = await knowledge.CreatePageIdAsync(toolkit, "矿山话术", $"进场前读[安全规范](page:{safety})。");
        var port = await knowledge.CreatePageIdAsync(rules, "港口作业", $"同 page:{safety}，另见 `page:{safety}`");
        await knowledge.CreatePageIdAsync(rules, "无关", $"代码里写 `page:{safety}` 不算链接");

        var backlinks = await knowledge.GetOkAsync($"/api/knowledge/pages/{safety}/backlinks");
        backlinks.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("pageId").GetString(), item.GetProperty("title").GetString(), item.GetProperty("spaceName").GetString()))
            .Should().Equal((port, "港口作业", "规章制度"), (mine, "矿山话术", "营销工具包"));
        backlinks.GetProperty("total").GetInt64().Should().Be(2);

        await knowledge.PostOkAsync($"/api/knowledge/pages/{mine}/revisions", new { title = "矿山话术", body = "不再链接。" });
        (await BacklinkIdsAsync(safety)).Should().Equal(port);
        await knowledge.PostOkAsync($"/api/knowledge/pages/{mine}/restoration", new { revision = 1 });
        (await BacklinkIdsAsync(safety)).Should().BeEquivalentTo([port, mine], "the restored revision links again");
        await (await knowledge.Api.GetAsync("/api/knowledge/pages/PAGE-NONE/backlinks")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");
    }

    [Fact]
    public async Task pages_mentioning_a_record_are_found_by_it()
    {
        var space = await knowledge.CreateSpaceAsync("产品资料", "ProductMaterials");
        var code = GatewayRequests.Unique("JG-MT").ToUpperInvariant();
        var sheet = await knowledge.CreatePageIdAsync(space, "MT-90E 试用", $"试用车 vehicle:{code}，车型 model:MT-90E。");
        await knowledge.CreatePageIdAsync(space, "其他", "vehicle:JG-MT-9999");

        var found = await knowledge.GetOkAsync($"/api/knowledge/links?to=vehicle:{code.ToLowerInvariant()}");
        found.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("pageId").GetString()).Should().Equal(sheet);
        await (await knowledge.Api.GetAsync("/api/knowledge/links?to=truck:JG-1")).ShouldBeValidationProblemAsync("to");
        await (await knowledge.Api.GetAsync("/api/knowledge/links")).ShouldBeValidationProblemAsync("to");
    }

    private async Task<IEnumerable<string?>> BacklinkIdsAsync(string page) =>
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/backlinks")).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("pageId").GetString()).ToList();
}
