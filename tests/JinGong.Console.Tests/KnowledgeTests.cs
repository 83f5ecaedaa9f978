using System.Net;
using JinGong.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// The knowledge base [知识库] in the console, over the demo company's Chinese pages: a search finds what the API finds,
/// its query marked; two revisions compared show the lines that changed; an editor publishes a revision from the editor;
/// a hostile page runs nothing. Each checked against the API's own answer, never against ids written here.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class KnowledgeTests(ConsoleFixture console)
{
    /// <summary>In the expense rules once they cover travel (BusinessYear.Knowledge.cs).</summary>
    private const string TravelQuery = "出差补助";

    /// <summary>The total cost of ownership page of the marketing toolkit, revised later in the year.</summary>
    private const string RevisedPageTitle = "电动化总拥有成本对比";

    [Fact]
    public async Task a_chinese_search_finds_the_pages_the_api_finds_with_the_query_marked_in_the_snippet()
    {
        var answer = await console.System.GetOkAsync($"/api/knowledge/search?q={Uri.EscapeDataString(TravelQuery)}");
        var expected = answer.GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("pageId").GetString()).ToList();
        expected.Should().NotBeEmpty("the demo company's expense rules speak of {0}", TravelQuery);

        var page = await console.OpenAsync("knowledge", "/knowledge", p => p.GetByTestId("space").First);
        await page.GetByTestId("knowledge-search").FillAsync(TravelQuery);
        await page.GetByTestId("knowledge-search").PressAsync("Enter");
        var hits = page.GetByTestId("search-hit");
        await Expect(hits).ToHaveCountAsync(expected.Count);
        (await Task.WhenAll((await hits.AllAsync()).Select(hit => hit.GetAttributeAsync("data-id")))).Should().Equal(expected, "ranked as the API ranks them");
        var marked = hits.First.GetByTestId("search-hit-snippet").Locator("mark");
        await Expect(marked.First).ToHaveTextAsync(TravelQuery);
        var snippet = answer.GetProperty("items")[0].GetProperty("snippet").GetProperty("text").GetString()!;
        Collapsed(await hits.First.GetByTestId("search-hit-snippet").InnerTextAsync()).Should().Be(Collapsed(snippet), "the API's snippet, as text");
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-search-results");

        await console.OpenAsync("knowledge-search", $"/knowledge/search?q={Uri.EscapeDataString(TravelQuery)}", p => p.GetByTestId("search-hit").First);
    }

    [Fact]
    public async Task two_revisions_of_a_demo_page_compared_show_the_lines_that_changed_side_by_side_and_inline()
    {
        var id = await PageFoundAsync(RevisedPageTitle);
        var revisions = await console.System.GetOkAsync($"/api/knowledge/pages/{id}/revisions");
        revisions.GetArrayLength().Should().BeGreaterThanOrEqualTo(2, "the demo company revises {0}", RevisedPageTitle);
        var diff = await console.System.GetOkAsync($"/api/knowledge/pages/{id}/diff?from=1&to=2");
        var lines = diff.GetProperty("lines").EnumerateArray().ToList();
        string[] Texts(string kind) => [.. lines.Where(line => line.GetProperty("kind").GetString() == kind).Select(line => line.GetProperty("text").GetString()!)];
        Texts("Added").Should().NotBeEmpty();
        Texts("Removed").Should().NotBeEmpty();

        var page = await console.OpenAsync("knowledge-page", $"/knowledge/pages/{id}", p => p.GetByTestId("page-body"));
        await Expect(page.GetByTestId("revision-row")).ToHaveCountAsync(revisions.GetArrayLength());
        var form = page.GetByTestId("diff-form");
        await form.GetByTestId("diff-from").SelectOptionAsync("1");
        await form.GetByTestId("diff-to").SelectOptionAsync("2");
        await form.Locator("[type=submit]").ClickAsync();

        var shown = page.GetByTestId("diff");
        await Expect(shown).ToHaveAttributeAsync("data-added", Texts("Added").Length.ToString());
        await Expect(shown).ToHaveAttributeAsync("data-removed", Texts("Removed").Length.ToString());
        await Expect(shown.Locator("[data-testid=diff-left][data-kind=Removed]")).ToHaveTextAsync(Texts("Removed"));
        await Expect(shown.Locator("[data-testid=diff-right][data-kind=Added]")).ToHaveTextAsync(Texts("Added"));
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-diff-side-by-side");

        await page.GetByTestId("diff-view").ClickAsync();
        await Expect(shown.Locator("[data-testid=diff-line][data-kind=Added]")).ToHaveTextAsync(Texts("Added").Select(text => $"+{text}").ToArray());
        await Expect(shown.Locator("[data-testid=diff-line][data-kind=Removed]")).ToHaveTextAsync(Texts("Removed").Select(text => $"−{text}").ToArray());
        await Expect(shown.GetByTestId("diff-line")).ToHaveCountAsync(lines.Count);
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-diff-inline");
    }

    [Fact]
    public async Task an_editor_publishes_a_revision_from_the_editor_and_it_is_the_text_shown_and_in_the_revision_list()
    {
        var id = await WritePageAsync("# 交付检查表\n\n- 核对整车编码");
        var page = await console.OpenAsync("knowledge-editor", $"/knowledge/pages/{id}", p => p.GetByTestId("page-body"));
        await Expect(page.GetByTestId("revision-row")).ToHaveCountAsync(1);

        await page.GetByText("编辑页面").ClickAsync();
        var editor = page.GetByTestId("command-publish");
        await editor.GetByTestId("editor-body").FillAsync("# 交付检查表\n\n- 核对整车编码\n- 交付前 **充满电池**\n- 参见 vehicle:JG-MT-0001");
        await Expect(editor.GetByTestId("editor-preview").Locator("strong")).ToHaveTextAsync("充满电池");
        await Expect(editor.GetByTestId("editor-preview").Locator("a[href='/vehicles/JG-MT-0001']")).ToBeVisibleAsync();
        await editor.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-publish-done")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("page-body").Locator("strong")).ToHaveTextAsync("充满电池");
        await Expect(page.GetByTestId("page-reading")).ToHaveAttributeAsync("data-revision", "2");
        await Expect(page.GetByTestId("revision-row")).ToHaveCountAsync(2);
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-published");
        var published = await console.System.GetOkAsync($"/api/knowledge/pages/{id}");
        published.GetProperty("revision").GetProperty("number").GetInt32().Should().Be(2);
        published.GetProperty("revision").GetProperty("body").GetString().Should().Contain("交付前 **充满电池**");
    }

    [Fact]
    public async Task a_page_of_hostile_markdown_renders_its_text_and_runs_nothing()
    {
        var id = await WritePageAsync(
            "# 恶意页面\n\n<script>window.hostile = 1</script>\n\n<img src=x onerror=\"window.hostile = 2\">\n\n[点我](javascript:window.hostile=3) [再点](JaVaScRiPt:window.hostile=4)\n\n"
            + "[数据](data:text/html,hi) <iframe src=\"/\"></iframe> <svg onload=\"window.hostile = 5\"></svg>\n\n<a href=\"/\" onclick=\"window.hostile = 6\">链接</a>\n\n"
            + "车辆 vehicle:JG-MT-0001");
        var page = await console.OpenAsync("knowledge-hostile", $"/knowledge/pages/{id}", p => p.GetByTestId("page-body"));
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        var body = page.GetByTestId("page-body");
        await Expect(body.Locator("a[href='/vehicles/JG-MT-0001']")).ToBeVisibleAsync();
        await Expect(body.Locator("script, iframe, svg, img, [onclick], [onerror], [onload], [style]")).ToHaveCountAsync(0);
        foreach (var link in await body.Locator("a").AllAsync())
        {
            (await link.GetAttributeAsync("href") ?? string.Empty).Should().MatchRegex("^(/|https?:|mailto:|#)");
        }

        await Expect(body).ToContainTextAsync("<script>", new() { UseInnerText = true });
        (await page.EvaluateAsync<bool>("() => window.hostile === undefined")).Should().BeTrue("no script of the page ran");
        dialogs.Should().Be(0);
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-hostile");
    }

    private static string Collapsed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The demo page titled <paramref name="title"/>, as search finds it.</summary>
    private async Task<string> PageFoundAsync(string title)
    {
        var hits = await console.System.GetOkAsync($"/api/knowledge/search?q={Uri.EscapeDataString(title)}");
        return hits.GetProperty("items").EnumerateArray()
            .First(hit => hit.GetProperty("title").GetProperty("text").GetString() == title).GetProperty("pageId").GetString()!;
    }

    /// <summary>A new page of the demo company's first space, written by the administrator (who edits every space).</summary>
    private async Task<string> WritePageAsync(string body)
    {
        var space = (await console.System.GetOkAsync("/api/knowledge/spaces")).GetProperty("items")[0].GetProperty("id").GetString();
        var page = await console.System.PostOkAsync($"/api/knowledge/spaces/{space}/pages", new { title = GatewayRequests.Unique("测试页面"), body }, HttpStatusCode.Created);
        return page.GetProperty("id").GetString()!;
    }
}
