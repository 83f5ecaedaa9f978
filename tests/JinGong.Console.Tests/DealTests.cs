using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// A document that follows a deal [一篇文档伴随整个流程] in the console: reached from its opportunity and from its order,
/// its process document opened with a button (and the API's refusal shown while its region has no space of deals), a
/// revision sent as the proposal whose pinned text stays what was sent, and the timeline of its steps as the API gives
/// them, in the reader's words with the event and correlation id behind each. Each on an opportunity of its own.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class DealTests(ConsoleFixture console)
{
    /// <summary>The knowledge base learns an opportunity and its orders over the bus.</summary>
    private static readonly TimeSpan BusDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_deal_reached_from_its_opportunity_opens_its_process_document_sends_a_revision_as_the_proposal_and_shows_each_step_in_order()
    {
        // The demo company keeps a space of deals in every region; one is opened here if the region has none.
        const string region = "central";
        if (!(await console.System.GetOkAsync("/api/knowledge/spaces?kind=Deals&pageSize=100")).GetProperty("items").EnumerateArray()
                .Any(space => space.GetProperty("region").GetString() == region))
        {
            await console.System.PostOkAsync("/api/knowledge/spaces", new { name = GatewayRequests.Unique("商机文档"), kind = "Deals", region }, HttpStatusCode.Created);
        }

        var customer = GatewayRequests.Unique("紫金矿业");
        var id = await FileOpportunityAsync(customer, region);
        await DealKnownAsync(id);

        var page = await console.OpenAsync("deal-opportunity", $"/opportunities/{id}", p => p.GetByTestId("opportunity"));
        await page.GetByTestId("deal-link").ClickAsync();
        var deal = page.GetByTestId("deal");
        await Expect(deal).ToHaveAttributeAsync("data-id", id);
        await Expect(page.GetByTestId("deal-facts")).ToContainTextAsync(customer);
        await Expect(page.GetByTestId("deal-facts").Locator($"a[href='/opportunities/{id}']")).ToBeVisibleAsync();
        var document = page.GetByTestId("deal-document");
        await Expect(document).ToHaveAttributeAsync("data-opened", "false");

        await page.GetByTestId("command-open-deal-document").ClickAsync();
        await Expect(document).ToHaveAttributeAsync("data-opened", "true");
        await Expect(document).ToHaveAttributeAsync("data-page", $"deal-{id}");
        await Expect(document).ToHaveAttributeAsync("data-revisions", "1");
        await Expect(page.GetByTestId("proposals")).ToHaveAttributeAsync("data-count", "0");

        // The document is a page of the knowledge base, revised in its own editor.
        await page.GetByTestId("deal-document-page").ClickAsync();
        await Expect(page.GetByTestId("page-reading")).ToHaveAttributeAsync("data-revision", "1");
        await page.GetByText("编辑页面").ClickAsync();
        var editor = page.GetByTestId("command-publish");
        await editor.GetByTestId("editor-body").FillAsync("# 方案\n\n- MT-90E 两台，报价 **840 万元**\n- 交付地：紫金山矿区");
        await editor.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-publish-done")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Expect(document).ToHaveAttributeAsync("data-revisions", "2");

        // The revision the form offers is the current one; it is sent to the customer as the proposal.
        var send = page.GetByTestId("command-send-proposal");
        await Expect(send.Locator("[name=revision]")).ToHaveValueAsync("2");
        await send.Locator("[name=recipient]").FillAsync("紫金矿业 采购部");
        await send.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-send-proposal-done")).ToBeVisibleAsync();
        var proposal = page.Locator("[data-testid=proposal][data-revision='2']");
        await Expect(proposal).ToHaveCountAsync(1);
        await Expect(proposal.GetByTestId("proposal-to")).ToContainTextAsync("紫金矿业 采购部");

        // Revised after it was sent, the proposal still reads as sent.
        await console.System.PostOkAsync($"/api/knowledge/pages/deal-{id}/revisions", new { title = $"{customer} · 方案", body = "# 方案\n\n- MT-90E 两台，报价 **800 万元**" });
        await page.ReloadAsync();
        await Expect(document).ToHaveAttributeAsync("data-revisions", "3");
        await proposal.Locator("summary").ClickAsync();
        await Expect(proposal.GetByTestId("proposal-body").Locator("strong")).ToHaveTextAsync("840 万元");

        var answer = await console.System.GetOkAsync($"/api/knowledge/deals/{id}");
        var sent = answer.GetProperty("document").GetProperty("proposals").EnumerateArray().Single();
        (sent.GetProperty("revision").GetInt32(), sent.GetProperty("recipient").GetString()).Should().Be((2, "紫金矿业 采购部"));
        sent.GetProperty("body").GetString().Should().Contain("**840 万元**");

        // Every step as the API gives it, in order, in Chinese words, with the event and correlation id behind it.
        var steps = answer.GetProperty("timeline").EnumerateArray().ToList();
        // Opened with its first revision; the second published in the editor, sent, then the third.
        steps.Select(step => step.GetProperty("step").GetString()).Should().Equal(
            "filed", "document-opened", "revision-published", "revision-published", "proposal-sent", "revision-published");
        var rows = page.GetByTestId("deal-step");
        await Expect(rows).ToHaveCountAsync(steps.Count);
        (await rows.Locator("[data-step]").EvaluateAllAsync<string[]>("cells => cells.map(cell => cell.dataset.step)"))
            .Should().Equal(steps.Select(step => step.GetProperty("step").GetString()), "the steps in the API's order");
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.id)")).Should().Equal(steps.Select(step => step.GetProperty("eventId").GetString()));
        await Expect(rows.Locator("[data-step]")).ToHaveTextAsync(["商机填报", "建立流程文档", "发布新版本", "发布新版本", "发送方案", "发布新版本"]);
        var sentRow = rows.Nth(4);
        await sentRow.Locator("summary").ClickAsync();
        await Expect(sentRow.GetByTestId("event-id")).ToHaveTextAsync(steps[4].GetProperty("eventId").GetString()!);
        await Expect(sentRow.GetByTestId("correlation-id")).ToHaveTextAsync(steps[4].GetProperty("correlationId").GetString() ?? "—");
        await ConsoleFixture.ScreenshotAsync(page, "deal");
    }

    [Fact]
    public async Task an_order_page_leads_to_the_deal_of_the_opportunity_it_was_placed_from()
    {
        var id = await FileOpportunityAsync(GatewayRequests.Unique("Jiangxi Copper Deal"), "north");
        await console.System.PostOkAsync($"/api/orders/opportunities/{id}/won", new { });
        var order = (await console.System.PostOkAsync("/api/orders/orders", new
        {
            opportunityId = id, deliverySite = "Dexing pit 2", lines = new[] { new { model = "MT-90E", quantity = 2, unitPrice = 4_200_000m } },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(
            _ => console.System.GetOkAsync($"/api/knowledge/deals/{id}"),
            deal => deal.GetProperty("orderIds").EnumerateArray().Any(placed => placed.GetString() == order),
            BusDeadline,
            $"order {order} on the deal of {id}");

        var page = await console.OpenAsync("deal-order", $"/orders/{order}", p => p.GetByTestId("order"));
        await page.GetByTestId("deal-link").ClickAsync();
        await Expect(page.GetByTestId("deal")).ToHaveAttributeAsync("data-id", id, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("deal-facts").Locator($"a[href='/orders/{order}']")).ToBeVisibleAsync();
        var placed = page.Locator("[data-testid=deal-step]:has([data-step=order-placed])");
        await Expect(placed).ToHaveCountAsync(1);
        await Expect(placed.Locator($"a[href='/orders/{order}']")).ToBeVisibleAsync();
    }

    private async Task<string> FileOpportunityAsync(string customer, string region)
    {
        var filed = await console.System.PostOkAsync("/api/orders/opportunities", new
        {
            customer,
            region,
            salesRep = "administrator",
            lines = new[] { new { model = "MT-90E", quantity = 2 } },
            expectedAmount = 8_400_000m,
            expectedCloseDate = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, HttpStatusCode.Created);
        return filed.GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the knowledge base has learned the opportunity from orders' event.</summary>
    private Task DealKnownAsync(string id) =>
        Eventually.ReturnsAsync(
            async _ =>
            {
                using var answer = await console.System.Gateway.GetAsync($"/api/knowledge/deals/{id}");
                return answer.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            BusDeadline,
            $"the deal of {id}");
}
