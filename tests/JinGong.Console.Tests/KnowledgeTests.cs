using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// The knowledge base [知识库] in the console, over the demo company's Chinese pages: a search finds what the API finds,
/// its query marked; two revisions compared show the lines that changed; an editor publishes a revision from the editor;
/// a hostile page runs nothing; a follower is told of a revision and marks it read; a draft is reviewed before readers
/// see it; a space's administrator grants access and requires review; a team asked confirms reading and the read rate
/// says so. Each checked against the API's own answer,
/// never against ids written here; each on a space and people of its own where it changes them.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class KnowledgeTests(ConsoleFixture console)
{
    /// <summary>In the expense rules once they cover travel (BusinessYear.Knowledge.cs).</summary>
    private const string TravelQuery = "出差补助";

    /// <summary>The total cost of ownership page of the marketing toolkit, revised later in the year.</summary>
    private const string RevisedPageTitle = "电动化总拥有成本对比";

    /// <summary>The unread count is read once a page's own reads are done, which on a loaded machine can take longer than an assertion's usual 5 s.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Patiently = new() { Timeout = 30_000 };

    /// <summary>The region of the people a test puts on the roster.</summary>
    private const string Region = "east";

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

    [Fact]
    public async Task a_follower_of_a_space_sees_the_unread_count_go_up_when_a_page_of_it_is_revised_opens_the_notice_and_marks_it_read()
    {
        var space = await NewSpaceAsync("关注测试");
        var id = await WritePageAsync("# 月度简报\n\n- 初稿", space);
        using var follower = await NewPersonAsync("kb.follower", "dispatcher");

        var page = await console.SignedInPageAsync($"/knowledge/spaces/{space}", person: follower.Credentials);
        await page.GetByTestId("command-follow").ClickAsync();
        await Expect(page.GetByTestId("command-unfollow")).ToBeVisibleAsync();
        (await follower.NotificationsAsync()).GetProperty("spaces").EnumerateArray().Select(followed => followed.GetString()).Should().Contain(space);
        var badge = page.GetByTestId("unread-badge");
        var before = (await follower.NotificationsAsync()).GetProperty("unread").GetInt32();
        await Expect(badge).ToHaveAttributeAsync("data-unread", before.ToString(), Patiently);

        // Another person publishes: the follower is told over the bus.
        await console.System.PostOkAsync($"/api/knowledge/pages/{id}/revisions", new { title = "月度简报", body = "# 月度简报\n\n- 定稿：**十一月交付 12 台**" });
        var told = await Eventually.ReturnsAsync(
            _ => follower.NotificationsAsync(),
            view => view.GetProperty("items").EnumerateArray().Any(notice => notice.GetProperty("pageId").GetString() == id && notice.GetProperty("revision").GetInt32() == 2),
            TimeSpan.FromSeconds(60),
            "the follower's notice of revision 2");
        var notice = told.GetProperty("items").EnumerateArray().First(item => item.GetProperty("pageId").GetString() == id);
        var unread = told.GetProperty("unread").GetInt32();
        unread.Should().BeGreaterThan(before);

        // The count is read again as the console is navigated.
        await page.Locator("nav#navigation a[href='/knowledge']").ClickAsync();
        await Expect(badge).ToHaveAttributeAsync("data-unread", unread.ToString(), Patiently);
        await badge.ClickAsync();
        var shown = page.Locator($"[data-testid=notification][data-number='{notice.GetProperty("number").GetInt32()}']");
        await Expect(shown).ToHaveAttributeAsync("data-read", "false");
        await Expect(shown).ToHaveAttributeAsync("data-page", id);
        await Expect(shown.GetByTestId("notification-title")).ToHaveTextAsync(notice.GetProperty("title").GetString()!);
        (await page.GetByTestId("notification").First.GetAttributeAsync("data-number")).Should().Be(
            told.GetProperty("items")[0].GetProperty("number").GetInt32().ToString(), "newest first, as the API lists them");
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-notifications");

        await shown.GetByTestId("notification-title").ClickAsync();
        await Expect(page.GetByTestId("page-reading")).ToHaveAttributeAsync("data-revision", "2");
        await Expect(page.GetByTestId("page-body").Locator("strong")).ToHaveTextAsync("十一月交付 12 台");

        await page.GoBackAsync();
        await shown.GetByTestId("command-read").ClickAsync();
        await Expect(shown).ToHaveAttributeAsync("data-read", "true");
        var after = await follower.NotificationsAsync();
        after.GetProperty("items").EnumerateArray().First(item => item.GetProperty("number").GetInt32() == notice.GetProperty("number").GetInt32())
            .GetProperty("read").GetBoolean().Should().BeTrue();
        after.GetProperty("unread").GetInt32().Should().Be(unread - 1);
        await Expect(badge).ToHaveAttributeAsync("data-unread", (unread - 1).ToString(), Patiently);
    }

    [Fact]
    public async Task in_a_space_that_reviews_its_revisions_a_draft_an_editor_submits_is_published_once_another_person_approves_it()
    {
        using var editor = await NewPersonAsync("kb.editor", "finance");
        using var approver = await NewPersonAsync("kb.approver", "executive");
        using var reader = await NewPersonAsync("kb.reader", "dispatcher");
        var space = await NewSpaceAsync("审核测试", editors: ["finance"]);
        var id = await WritePageAsync("# 报销流程\n\n- 提交发票", space);
        await console.System.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Role", name = "executive", level = "Approve" });
        await console.System.PostOkAsync($"/api/knowledge/spaces/{space}/review", new { required = true });

        var writing = await console.SignedInPageAsync($"/knowledge/pages/{id}", person: editor.Credentials);
        await writing.GetByText("撰写草稿").ClickAsync();
        await Expect(writing.GetByText("编辑页面")).ToHaveCountAsync(0);
        var form = writing.GetByTestId("command-save-draft");
        await form.GetByTestId("editor-body").FillAsync("# 报销流程\n\n- 提交发票\n- 部门经理 **三日内审批**");
        await form.Locator("[type=submit]").ClickAsync();
        var draft = writing.GetByTestId("draft");
        var saved = (await editor.GetOkAsync($"/api/knowledge/pages/{id}/draft")).GetProperty("draft");
        await Expect(draft).ToHaveAttributeAsync("data-version", saved.GetProperty("version").GetInt32().ToString());
        await Expect(draft).ToHaveAttributeAsync("data-submitted", "false");
        await draft.GetByText("预览草稿").ClickAsync();
        await Expect(draft.GetByTestId("draft-body").Locator("strong")).ToHaveTextAsync("三日内审批");
        await draft.GetByTestId("command-submit-draft").Locator("[type=submit]").ClickAsync();
        await Expect(draft).ToHaveAttributeAsync("data-submitted", "true");
        (await editor.GetOkAsync($"/api/knowledge/pages/{id}/draft")).GetProperty("draft").GetProperty("submitted").GetBoolean().Should().BeTrue();
        await ConsoleFixture.ScreenshotAsync(writing, "knowledge-draft-submitted");
        (await reader.GetOkAsync($"/api/knowledge/pages/{id}")).GetProperty("revision").GetProperty("number").GetInt32().Should().Be(1, "readers see nothing of a draft under review");

        var reviewing = await console.SignedInPageAsync($"/knowledge/pages/{id}", person: approver.Credentials);
        await reviewing.GetByTestId("draft").GetByTestId("command-approve-draft").Locator("[type=submit]").ClickAsync();
        await Expect(reviewing.GetByTestId("draft")).ToHaveCountAsync(0);
        await Expect(reviewing.GetByTestId("page-body").Locator("strong")).ToHaveTextAsync("三日内审批");

        var published = await reader.GetOkAsync($"/api/knowledge/pages/{id}");
        published.GetProperty("revision").GetProperty("body").GetString().Should().Contain("部门经理 **三日内审批**");
        published.GetProperty("revision").GetProperty("author").GetString().Should().Be(editor.Id, "the draft's author wrote the revision");
        var reading = await console.SignedInPageAsync($"/knowledge/pages/{id}", person: reader.Credentials);
        await Expect(reading.GetByTestId("page-reading")).ToHaveAttributeAsync("data-revision", published.GetProperty("revision").GetProperty("number").GetInt32().ToString());
        await Expect(reading.GetByTestId("page-body").Locator("strong")).ToHaveTextAsync("三日内审批");
        await Expect(reading.GetByTestId("revision-row")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task a_spaces_administrator_grants_a_role_approval_and_requires_review_from_the_space_page_as_the_api_then_says()
    {
        var space = await NewSpaceAsync("管理测试");
        var grants = (await console.System.GetOkAsync($"/api/knowledge/spaces/{space}/tree")).GetProperty("space").GetProperty("grants").GetArrayLength();

        var page = await console.SignedInPageAsync($"/knowledge/spaces/{space}");
        await Expect(page.GetByTestId("grant")).ToHaveCountAsync(grants);
        var form = page.GetByTestId("command-grant-access");
        await form.Locator("select[name=kind]").SelectOptionAsync("Role");
        await form.Locator("select[name=name]").SelectOptionAsync("executive");
        await form.Locator("select[name=level]").SelectOptionAsync("Approve");
        await form.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("grant")).ToHaveCountAsync(grants + 1);
        await page.GetByTestId("command-require-review").Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("review-required")).ToHaveAttributeAsync("data-required", "true");
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-space-administration");

        var now = (await console.System.GetOkAsync($"/api/knowledge/spaces/{space}/tree")).GetProperty("space");
        now.GetProperty("reviewRequired").GetBoolean().Should().BeTrue();
        now.GetProperty("grants").EnumerateArray().Should().ContainSingle(grant =>
            grant.GetProperty("grantee").GetProperty("kind").GetString() == "Role" && grant.GetProperty("grantee").GetProperty("name").GetString() == "executive"
            && grant.GetProperty("level").GetString() == "Approve");
    }

    [Fact]
    public async Task a_person_of_a_team_a_rules_space_asks_confirms_reading_from_the_banner_and_the_space_reads_the_rate_as_the_api_counts()
    {
        var team = GatewayRequests.Unique("质量部");
        var space = await NewSpaceAsync("阅读确认测试");
        var id = await WritePageAsync("# 安全生产规范\n\n- 进入矿区须佩戴安全帽", space);
        using var reader = await NewRosterPersonAsync("kb.confirmer", team);

        // The space's administrator asks the team, chosen among the roster's, from the space page.
        var administering = await console.SignedInPageAsync($"/knowledge/spaces/{space}");
        await administering.GetByText("设置须确认阅读的团队").ClickAsync();
        var form = administering.GetByTestId("command-confirming-teams");
        await form.GetByLabel(team).CheckAsync();
        await form.Locator("[type=submit]").ClickAsync();
        await Expect(administering.GetByTestId("confirming-teams")).ToHaveAttributeAsync("data-teams", team);
        (await console.System.GetOkAsync($"/api/knowledge/spaces/{space}/tree")).GetProperty("space").GetProperty("confirmingTeams")
            .EnumerateArray().Select(asked => asked.GetString()).Should().Equal(team);

        // The knowledge base learns the reader's team from the roster over the bus.
        var pending = await Eventually.ReturnsAsync(
            _ => reader.GetOkAsync("/api/knowledge/read-confirmations/pending"), list => list.GetArrayLength() > 0, TimeSpan.FromSeconds(60), "the reader's pages to confirm");
        pending.EnumerateArray().Select(reading => reading.GetProperty("pageId").GetString()).Should().Equal(id);
        var revision = pending[0].GetProperty("revision").GetInt32().ToString();
        var before = await console.System.GetOkAsync($"/api/knowledge/spaces/{space}/read-rate");
        before.GetProperty("byTeam")[0].GetProperty("missing").EnumerateArray().Select(person => person.GetProperty("id").GetString()).Should().Equal(reader.Id);
        await administering.ReloadAsync();
        await Expect(administering.GetByTestId("read-rate")).ToHaveAttributeAsync("data-confirmed", before.GetProperty("confirmed").GetInt32().ToString());
        await Expect(administering.GetByTestId("missing-person")).ToHaveAttributeAsync("data-person", reader.Id);

        var reading = await console.SignedInPageAsync("/knowledge", person: reader.Credentials);
        var listed = reading.GetByTestId("pending-reading");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToHaveAttributeAsync("data-page", id);
        await Expect(listed).ToHaveAttributeAsync("data-revision", revision);
        await listed.Locator("a").ClickAsync();
        var banner = reading.GetByTestId("read-confirmation");
        await Expect(banner).ToHaveAttributeAsync("data-revision", revision, Patiently);
        await ConsoleFixture.ScreenshotAsync(reading, "knowledge-read-confirmation");
        await banner.GetByTestId("command-confirm-reading").ClickAsync();
        await Expect(banner).ToHaveCountAsync(0);
        (await reader.GetOkAsync("/api/knowledge/read-confirmations/pending")).GetArrayLength().Should().Be(0);

        var after = await console.System.GetOkAsync($"/api/knowledge/spaces/{space}/read-rate");
        after.GetProperty("confirmed").GetInt32().Should().Be(after.GetProperty("people").GetInt32());
        await administering.ReloadAsync();
        var rate = administering.GetByTestId("read-rate");
        await Expect(rate).ToHaveAttributeAsync("data-confirmed", after.GetProperty("confirmed").GetInt32().ToString());
        await Expect(rate).ToHaveAttributeAsync("data-people", after.GetProperty("people").GetInt32().ToString());
        await Expect(administering.GetByTestId("missing-person")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(administering, "knowledge-read-rate");
    }

    [Fact]
    public async Task a_working_conditions_solution_is_written_from_its_page_with_the_trials_of_its_models_drawn_and_read_again_as_of_a_day_picked()
    {
        var (scenario, condition, first, second) = await ScenarioOfOurOwnAsync();
        var solution = $"/api/knowledge/scenarios/{scenario}/conditions/{condition}/solution";
        var now = await console.System.GetOkAsync(solution);
        string[] ModelsTried(JsonElement answer) => [.. answer.GetProperty("trials").EnumerateArray().Select(model => model.GetProperty("model").GetString()!)];
        ModelsTried(now).Should().BeEquivalentTo([first, second], "both models are recommended now, neither tried yet");

        var page = await console.OpenAsync("knowledge-solution", $"/knowledge/scenarios/{scenario}/conditions/{condition}", p => p.GetByTestId("solution"));
        await Expect(page.GetByTestId("solution-section")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=solution-section][data-written=false]")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("recommendation")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("trial-row")).ToHaveCountAsync(2);
        (await RowIdsAsync(page.GetByTestId("trial-row"))).Should().Equal(ModelsTried(now), "a row per model, in the API's order");
        var chart = page.GetByTestId("chart-trials");
        await Expect(chart).ToHaveAttributeAsync("data-state", "ready");
        await Expect(chart).ToHaveAttributeAsync("data-points", "2");
        await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);

        // The technical section, written through its form by the administrator (an approver of every space).
        var technical = page.Locator("[data-testid=solution-section][data-part=Technical]");
        await technical.GetByText("撰写本篇").ClickAsync();
        var form = technical.GetByTestId("command-write-section-Technical");
        await form.Locator("input[name=title]").FillAsync("剥离重载技术方案");
        await form.GetByTestId("editor-body").FillAsync($"# 选型\n\n8% 长坡重载首选 **{first}**，参见 model:{first}");
        await Expect(form.GetByTestId("editor-preview").Locator("strong")).ToHaveTextAsync(first);
        await form.Locator("[type=submit]").ClickAsync();
        await Expect(technical).ToHaveAttributeAsync("data-written", "true");
        await Expect(technical.GetByTestId("section-title")).ToHaveTextAsync("剥离重载技术方案");
        await Expect(technical.GetByTestId("section-body").Locator("strong")).ToHaveTextAsync(first);
        var written = (await console.System.GetOkAsync(solution)).GetProperty("sections").EnumerateArray().Single(section => section.GetProperty("part").GetString() == "Technical");
        written.GetProperty("revision").GetProperty("title").GetString().Should().Be("剥离重载技术方案");
        await Expect(technical.GetByTestId("section-page")).ToHaveAttributeAsync("href", $"/knowledge/pages/{written.GetProperty("pageId").GetString()}");
        await Expect(page.Locator("[data-testid=solution-section][data-written=false]")).ToHaveCountAsync(2);
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-solution-written");

        // Ten days ago only the first model was recommended: the day picked is read, kept in the address.
        var day = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var then = await console.System.GetOkAsync($"{solution}?asOf={day}");
        ModelsTried(then).Should().Equal(first);
        await page.GetByTestId("solution-as-of").FillAsync(day);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]asOf={day}$"));
        await Expect(page.GetByTestId("solution")).ToHaveAttributeAsync("data-as-of", then.GetProperty("asOf").GetString()!);
        await Expect(page.GetByTestId("trial-row")).ToHaveCountAsync(1);
        (await RowIdsAsync(page.GetByTestId("trial-row"))).Should().Equal(first);
        await Expect(page.GetByTestId("recommendation")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("chart-trials")).ToHaveAttributeAsync("data-points", "1");
        await Expect(technical.GetByTestId("section-title")).ToHaveTextAsync("剥离重载技术方案", new() { Timeout = 10_000 });
        await ConsoleFixture.ScreenshotAsync(page, "knowledge-solution-as-of");

        await page.GetByTestId("solution-now").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("asOf="));
        await Expect(page.GetByTestId("trial-row")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task a_vehicle_lent_from_its_page_as_a_trial_for_a_demo_working_condition_and_an_opportunity_is_a_line_of_that_conditions_trials()
    {
        // A condition of the demo company's: dispatch has long had its copy of it.
        var space = (await console.System.GetOkAsync("/api/knowledge/spaces?kind=Solutions&pageSize=100")).GetProperty("items").EnumerateArray()
            .First(found => found.GetProperty("name").GetString() == "场景化方案").GetProperty("id").GetString()!;
        var scenario = (await console.System.GetOkAsync($"/api/knowledge/scenarios?spaceId={space}")).GetProperty("items")[0];
        var (scenarioId, condition) = (scenario.GetProperty("id").GetString()!, scenario.GetProperty("conditions")[0].GetProperty("id").GetString()!);
        var served = (await console.System.GetOkAsync("/api/orders/opportunities?pageSize=1")).GetProperty("items")[0];
        var (opportunity, customerId, customer) =
            (served.GetProperty("id").GetString()!, served.GetProperty("customerId").GetString()!, served.GetProperty("customer").GetString()!);
        // A unit of a rental model, as the demo company lends (its year's trials are of those models only).
        var vehicle = (await console.System.GetOkAsync("/api/fleet/inventory?status=InStock&model=WL-30E&pageSize=1&sort=code")).GetProperty("items")[0];
        var (code, model) = (vehicle.GetProperty("code").GetString()!, vehicle.GetProperty("model").GetString()!);

        var page = await console.OpenAsync("vehicle-lend-trial", $"/vehicles/{code}", p => p.GetByTestId("command-lend"));
        var lend = page.GetByTestId("command-lend");
        // The borrower is the opportunity's customer, offered from the registry as its name is typed.
        await lend.Locator("[name=borrower]").FillAsync(customer);
        await Expect(lend.GetByTestId("customer-hint")).ToHaveAttributeAsync("data-customer-id", customerId);
        await lend.Locator("[name=site]").FillAsync("紫金山金铜矿");
        var due = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await lend.Locator("[name=dueDate]").FillAsync(due);
        await lend.Locator("select[name=trialScenario]").SelectOptionAsync(scenarioId);
        await lend.GetByTestId("trial-condition").SelectOptionAsync(condition);
        await lend.Locator("[name=opportunityId]").FillAsync(opportunity);
        await lend.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-lend-done")).ToBeVisibleAsync();
        var loanId = (await page.GetByTestId("dispatch-recorded").GetAttributeAsync("data-id"))!;
        var loan = await console.System.GetOkAsync($"/api/dispatch/loans/{loanId}");
        loan.GetProperty("conditionId").GetString().Should().Be(condition);
        loan.GetProperty("opportunityId").GetString().Should().Be(opportunity);
        (loan.GetProperty("borrowerId").GetString(), loan.GetProperty("borrower").GetString()).Should().Be((customerId, customer));

        // Fleet lends it, dispatch tells the loan's opening, and the knowledge base counts it among the condition's trials.
        var solution = $"/api/knowledge/scenarios/{scenarioId}/conditions/{condition}/solution";
        await Eventually.ReturnsAsync(
            _ => console.System.GetOkAsync(solution),
            answer => answer.GetProperty("trials").EnumerateArray().Any(trial => trial.GetProperty("lines").EnumerateArray().Any(line => line.GetProperty("loanId").GetString() == loanId)),
            TimeSpan.FromSeconds(60),
            $"loan {loanId} among the trials of {condition}");
        var shown = await console.OpenAsync("knowledge-solution-trial", $"/knowledge/scenarios/{scenarioId}/conditions/{condition}", p => p.GetByTestId("solution"));
        var lines = shown.Locator($"[data-testid=trial-lines][data-model='{model}']");
        await lines.Locator("summary").ClickAsync();
        var line = lines.Locator($"[data-testid=trial-line][data-id='{loanId}']");
        await Expect(line).ToBeVisibleAsync();
        await Expect(line.Locator($"a[href='/vehicles/{code}']")).ToBeVisibleAsync();
        await Expect(line.Locator($"a[href='/opportunities/{opportunity}']")).ToBeVisibleAsync();
        await line.GetByText("个事件").ClickAsync();
        await Expect(line.Locator("[data-testid=trial-event][data-kind=opened]")).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(shown, "knowledge-solution-trial-lines");
    }

    private static string Collapsed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The <c>data-id</c> of each row, in order.</summary>
    private static async Task<string[]> RowIdsAsync(ILocator rows) =>
        await Task.WhenAll((await rows.AllAsync()).Select(async row => (await row.GetAttributeAsync("data-id"))!));

    /// <summary>
    /// A scenario of a space of solutions of the test's own, defined by the administrator a month ago, with a working
    /// condition added twenty days ago and two models of the catalogue recommended for it: the first then, the second
    /// three days ago.
    /// </summary>
    private async Task<(string Scenario, string Condition, string First, string Second)> ScenarioOfOurOwnAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var space = (await console.System.PostOkAsync("/api/knowledge/spaces", new { name = GatewayRequests.Unique("方案测试"), kind = "Solutions" }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var scenario = (await console.System.PostOkAsync("/api/knowledge/scenarios", new
        {
            spaceId = space, name = GatewayRequests.Unique("测试矿山"), description = "露天矿山的剥离与运矿", teams = new { technical = "技术部", brand = "品牌部", marketing = "市场部" },
            occurredAt = now.AddDays(-30),
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var added = await console.System.PostOkAsync($"/api/knowledge/scenarios/{scenario}/conditions", new
        {
            name = "剥离重载上坡", haulDistanceKm = 3.5, gradientPercent = 8, payloadTonnes = 60, material = "剥离物", climate = "Cold", occurredAt = now.AddDays(-20),
        });
        var condition = added.GetProperty("conditions")[0].GetProperty("id").GetString()!;
        var models = (await console.System.GetOkAsync("/api/orders/models")).EnumerateArray().Select(model => model.GetProperty("model").GetString()!).ToList();
        var (first, second) = (models[0], models[1]);
        await console.System.PostOkAsync($"/api/knowledge/scenarios/{scenario}/conditions/{condition}/recommendations", new { model = first, rationale = "重载爬坡扭矩足", occurredAt = now.AddDays(-20) });
        await console.System.PostOkAsync($"/api/knowledge/scenarios/{scenario}/conditions/{condition}/recommendations", new { model = second, rationale = "装车匹配", occurredAt = now.AddDays(-3) });
        return (scenario, condition, first, second);
    }

    /// <summary>The demo page titled <paramref name="title"/>, as search finds it.</summary>
    private async Task<string> PageFoundAsync(string title)
    {
        var hits = await console.System.GetOkAsync($"/api/knowledge/search?q={Uri.EscapeDataString(title)}");
        return hits.GetProperty("items").EnumerateArray()
            .First(hit => hit.GetProperty("title").GetProperty("text").GetString() == title).GetProperty("pageId").GetString()!;
    }

    /// <summary>A new page of <paramref name="space"/> (the demo company's first space if none), written by the administrator (who edits every space).</summary>
    private async Task<string> WritePageAsync(string body, string? space = null)
    {
        // A space of its own: the demo's publish only through review (its product materials) or are kept elsewhere.
        space ??= await NewSpaceAsync("页面测试");
        var page = await console.System.PostOkAsync($"/api/knowledge/spaces/{space}/pages", new { title = GatewayRequests.Unique("测试页面"), body }, HttpStatusCode.Created);
        return page.GetProperty("id").GetString()!;
    }

    /// <summary>A space of the test's own, opened by the administrator: everyone reads it, <paramref name="editors"/> (the administrator if none) edit it.</summary>
    private async Task<string> NewSpaceAsync(string name, string[]? editors = null) =>
        (await console.System.PostOkAsync("/api/knowledge/spaces", new { name = GatewayRequests.Unique(name), kind = "Rules", editors }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    /// <summary>A person of the test's own with one role (none bound to a region), an account opened by the administrator, and their own client of the API.</summary>
    private Task<Person> NewPersonAsync(string name, string role) => AccountAsync(GatewayRequests.Unique(name), role);

    /// <summary>A person of the test's own on the roster, in <paramref name="team"/>: a sales rep of the east, as identity opens their account, given a password.</summary>
    private async Task<Person> NewRosterPersonAsync(string name, string team)
    {
        var id = GatewayRequests.Unique(name);
        using (var imported = await console.System.Gateway.PostAsJsonAsync("/api/okr/people/import", new { people = new[] { new { id, name = id, team, region = Region } } }))
        {
            imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        }

        // Identity opens the account as the roster says; a password given before that would be reset by it.
        await console.System.AccountWhenAsync(id, account => account.GetProperty("region").GetString() == Region);
        return await AccountAsync(id, "sales-rep", Region);
    }

    /// <summary>Opens (or sets) <paramref name="id"/>'s account with one role and a password, as the administrator.</summary>
    private async Task<Person> AccountAsync(string id, string role, string? region = null)
    {
        using var opened = await console.System.Gateway.PutAsJsonAsync($"/api/identity/accounts/{id}", new { name = id, roles = new[] { role }, region, password = Person.Password });
        ((int)opened.StatusCode).Should().BeOneOf([200, 201], await opened.Content.ReadAsStringAsync());
        return new Person(id, console.System.SignedInAs(id, Person.Password));
    }

    private sealed record Person(string Id, HttpClient Api) : IDisposable
    {
        public const string Password = "a-long-test-password";

        public (string User, string Password) Credentials => (Id, Password);

        public async Task<JsonElement> GetOkAsync(string path)
        {
            using var answer = await Api.GetAsync(path);
            return await answer.JsonAsync();
        }

        public Task<JsonElement> NotificationsAsync() => GetOkAsync("/api/knowledge/notifications");

        public void Dispose() => Api.Dispose();
    }
}
