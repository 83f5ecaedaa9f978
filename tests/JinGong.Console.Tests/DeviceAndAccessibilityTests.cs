using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using JinGong.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// The console on a phone (390 px wide: nothing scrolls sideways, the navigation folds, tables become cards) and for
/// people who use it with a keyboard or a screen reader (axe-core's rules: contrast, labels, names, structure).
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class DeviceAndAccessibilityTests(ConsoleFixture console)
{
    private const int PhoneWidth = 390;

    /// <summary>The pages people use every day, each with what shows it is ready.</summary>
    private async Task<IReadOnlyList<(string Path, string Ready)>> PagesAsync()
    {
        var code = (await console.System.GetOkAsync("/api/fleet/inventory?pageSize=1&sort=code")).GetProperty("items")[0].GetProperty("code").GetString();
        var order = (await console.System.GetOkAsync("/api/orders/orders?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString();
        // A deal of the demo company, by an order placed from an opportunity (a test's order may have none): its steps from every service.
        var dealt = (await console.System.GetOkAsync("/api/orders/orders?pageSize=100")).GetProperty("items").EnumerateArray()
            .First(found => found.GetProperty("opportunityId").ValueKind == JsonValueKind.String).GetProperty("id").GetString();
        // The demo company's rules, which every team is asked to confirm reading: the space shows its approvers the read rate.
        var rules = (await console.System.GetOkAsync("/api/knowledge/spaces?kind=Rules&pageSize=100")).GetProperty("items").EnumerateArray()
            .First(found => found.GetProperty("name").GetString() == "规章制度").GetProperty("id").GetString();
        // A rule with the most revisions (the rules are revised during the year), read with its first two compared.
        var revised = (await console.System.GetOkAsync($"/api/knowledge/spaces/{rules}/tree")).GetProperty("pages").EnumerateArray()
            .MaxBy(node => node.GetProperty("revisions").GetInt32());
        var (knowledgePage, compared) = (revised.GetProperty("id").GetString(), revised.GetProperty("revisions").GetInt32() >= 2);
        // A working condition of the demo company's scenario solutions: its sections, recommendations, trials and lost opportunities.
        var solutions = (await console.System.GetOkAsync("/api/knowledge/spaces?kind=Solutions&pageSize=100")).GetProperty("items").EnumerateArray()
            .First(found => found.GetProperty("name").GetString() == "场景化方案").GetProperty("id").GetString();
        var scenario = (await console.System.GetOkAsync($"/api/knowledge/scenarios?spaceId={solutions}")).GetProperty("items")[0];
        var solution = $"/knowledge/scenarios/{scenario.GetProperty("id").GetString()}/conditions/{scenario.GetProperty("conditions")[0].GetProperty("id").GetString()}";
        return
        [
            ("/inventory", "inventory-row"), ($"/vehicles/{code}", "vehicle-history"), ("/orders", "order-row"), ($"/orders/{order}", "order-lines"),
            ("/pipeline", "opportunity-row"), ("/okr", "okr-board"), ("/charts", "chart-receivables"),
            ("/knowledge", "space"), ($"/knowledge/spaces/{rules}", "page-tree"), (compared ? $"/knowledge/pages/{knowledgePage}?from=1&to=2" : $"/knowledge/pages/{knowledgePage}", compared ? "diff" : "page-body"),
            ($"/knowledge/search?q={Uri.EscapeDataString("电池")}", "search-hit"), ("/knowledge/notifications", "notifications"), ($"/knowledge/spaces/{rules}", "read-rate"),
            ("/knowledge/scenarios", "scenario-row"), (solution, "trial-row"), ($"/deals/{dealt}", "deal-step"),
        ];
    }

    [Fact]
    public async Task on_a_phone_no_page_scrolls_sideways_the_navigation_folds_and_a_tables_rows_are_cards()
    {
        foreach (var (path, ready) in await PagesAsync())
        {
            var page = await console.OpenAsync($"phone{path.Replace('/', '-')}", path, p => p.GetByTestId(ready).First);
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync();
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            width.Should().BeLessThanOrEqualTo(PhoneWidth, $"{path} fits a phone's width");
            await ConsoleFixture.ScreenshotAsync(page, $"phone{path.Replace('/', '-')}");
            await page.Context.CloseAsync();
        }

        var inventory = await console.OpenAsync("phone-navigation", "/inventory", p => p.GetByTestId("inventory-row").First);
        await inventory.SetViewportSizeAsync(PhoneWidth, 844);
        var navigation = inventory.Locator("nav#navigation");
        await Expect(navigation).ToBeHiddenAsync();
        await inventory.GetByTestId("menu").ClickAsync();
        await Expect(navigation).ToBeVisibleAsync();
        await navigation.Locator("a[href='/orders']").ClickAsync();
        await Expect(inventory.GetByTestId("order-row").First).ToBeVisibleAsync();
        await Expect(navigation).ToBeHiddenAsync();
        (await inventory.GetByTestId("order-row").First.EvaluateAsync<string>("row => getComputedStyle(row).display")).Should().Be("block", "a row is a card");
        (await inventory.GetByTestId("order-row").First.Locator("td").First.EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content"))
            .Should().Be("\"ID\"", "each value is shown under its column's name");
    }

    [Fact]
    public async Task every_page_keeps_axes_rules_with_no_serious_or_critical_violation()
    {
        var found = new List<string>();
        var checkedRules = new HashSet<string>();
        foreach (var (path, ready) in await PagesAsync())
        {
            var page = await console.OpenAsync($"axe{path.Replace('/', '-')}", path, p => p.GetByTestId(ready).First);
            var results = await page.RunAxe();
            checkedRules.UnionWith(results.Passes.Select(rule => rule.Id));
            found.AddRange(results.Violations.Where(violation => violation.Impact is "serious" or "critical")
                .Select(violation => $"{path}: {violation.Id} ({violation.Impact}) — {violation.Help}: {string.Join(" | ", violation.Nodes.Take(3).Select(node => node.Html))}"));
            await page.Context.CloseAsync();
        }

        found.Should().BeEmpty();
        checkedRules.Should().Contain(["color-contrast", "label", "button-name", "link-name", "html-has-lang"], "the rules that matter most here were checked, and held");
    }

    [Fact]
    public async Task the_first_tab_offers_to_skip_to_the_content()
    {
        var page = await console.OpenAsync("skip-link", "/inventory", p => p.GetByTestId("inventory-row").First);
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
    }
}
