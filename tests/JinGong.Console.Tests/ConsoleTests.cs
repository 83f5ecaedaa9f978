using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// The web console in a real browser against the running system and its demo company: what a regional manager, a
/// fleet operator, an OKR owner and an analyst do first. Every page is saved as a screenshot.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class ConsoleTests(ConsoleFixture console)
{
    private HttpClient Api => console.System.Gateway;

    [Fact]
    public async Task an_opportunity_filed_through_the_form_is_recorded_as_typed()
    {
        var page = await console.OpenAsync("opportunity-form", "/opportunities/new", p => p.GetByTestId("opportunity-form"));
        var form = page.GetByTestId("opportunity-form");
        // The models are offered by their names in the reader's language.
        var names = await Api.ModelNamesAsync("zh-CN");
        await Expect(form.Locator("[name=model] option[value='MT-90E']")).ToHaveTextAsync($"MT-90E · {names["MT-90E"]}");
        await FillAsync(form, ValidOpportunity("Baotou Steel Bayan Obo"));
        await form.Locator("[type=submit]").ClickAsync();

        var filed = page.GetByTestId("opportunity-filed");
        await Expect(filed).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "opportunity-filed");
        var id = await filed.GetAttributeAsync("data-id");
        id.Should().StartWith("OPP-");
        var opportunity = await Api.GetFromJsonAsync<JsonElement>($"/api/orders/opportunities/{id}");
        opportunity.GetProperty("customer").GetString().Should().Be("Baotou Steel Bayan Obo");
        opportunity.GetProperty("region").GetString().Should().Be("north");
    }

    [Fact]
    public async Task an_administrator_exports_what_is_held_about_a_contact_and_erases_them_on_the_privacy_page()
    {
        using var registered = await Api.PostAsJsonAsync("/api/orders/customers", new
        {
            name = GatewayRequests.Unique("Qinghai Salt Lake Potash"), region = "west", contacts = new[] { new { name = GatewayRequests.Unique("Ma Lan"), phone = "13900002222" } },
        });
        var customer = await registered.JsonAsync(HttpStatusCode.Created);
        var contactId = customer.GetProperty("contacts")[0].GetProperty("contactId").GetString()!;

        var page = await console.OpenAsync("privacy", "/privacy", p => p.GetByTestId("erasure-form"));
        await page.GetByTestId("privacy-subject").FillAsync(contactId);
        await page.GetByTestId("privacy-export").ClickAsync();
        await Expect(page.GetByTestId("privacy-export-summary")).ToHaveAttributeAsync("data-subject", contactId);
        await Expect(page.Locator("[data-testid=privacy-service][data-id=orders]")).ToBeVisibleAsync();

        var form = page.GetByTestId("erasure-form");
        await form.Locator("[name=kind]").SelectOptionAsync("customer-contact");
        await form.Locator("[name=subjectId]").FillAsync(contactId);
        await form.Locator("[name=reason]").FillAsync("her written request");
        await form.Locator("[name=reference]").FillAsync("PIPL-2026-070");
        await page.GetByTestId("erasure-submit").ClickAsync();
        await page.GetByTestId("erasure-confirm").ClickAsync();
        var erased = page.GetByTestId("contact-erased");
        await Expect(erased).ToHaveAttributeAsync("data-pseudonym", new System.Text.RegularExpressions.Regex("^erased:[0-9a-f]{8}$"));
        await ConsoleFixture.ScreenshotAsync(page, "privacy");
        (await Api.GetFromJsonAsync<JsonElement>($"/api/orders/customers/{customer.GetProperty("id").GetString()}")).GetProperty("contacts")[0].GetProperty("name").GetString()
            .Should().Be(await erased.GetAttributeAsync("data-pseudonym"));
    }

    [Fact]
    public async Task sales_registers_a_customer_adds_a_contact_on_its_page_and_the_opportunity_form_names_it_by_its_id()
    {
        var name = GatewayRequests.Unique("Erdos Coal Heidaigou");
        var page = await console.OpenAsync("customers", "/customers", p => p.GetByTestId("customer-form"));
        var form = page.GetByTestId("customer-form");
        await form.Locator("[name=name]").FillAsync(name);
        await form.Locator("[name=region]").SelectOptionAsync("north");
        await form.Locator("[name=name-0]").FillAsync("Gao Min");
        await form.Locator("[name=phone-0]").FillAsync("13800001111");
        await form.Locator("[type=submit]").ClickAsync();
        var registered = page.GetByTestId("customer-registered");
        await Expect(registered).ToBeVisibleAsync();
        var id = await registered.GetAttributeAsync("data-id");
        (await Api.GetFromJsonAsync<JsonElement>($"/api/orders/customers/{id}")).GetProperty("contacts")[0].GetProperty("name").GetString().Should().Be("Gao Min");

        var customer = await console.OpenAsync("customer", $"/customers/{id}", p => p.GetByTestId("command-add-contact"));
        var add = customer.GetByTestId("command-add-contact");
        await add.Locator("[name=name]").FillAsync("Han Xue");
        await add.Locator("[name=role]").FillAsync("fleet manager");
        await add.Locator("[type=submit]").ClickAsync();
        await Expect(customer.GetByTestId("command-add-contact-done")).ToBeVisibleAsync();
        await Expect(customer.GetByTestId("contact-row")).ToHaveCountAsync(2);
        await ConsoleFixture.ScreenshotAsync(customer, "customer");
        (await Api.GetFromJsonAsync<JsonElement>($"/api/orders/customers/{id}")).GetProperty("contacts").GetArrayLength().Should().Be(2);

        var opportunityPage = await console.OpenAsync("opportunity-form", "/opportunities/new", p => p.GetByTestId("opportunity-form"));
        var opportunityForm = opportunityPage.GetByTestId("opportunity-form");
        await FillAsync(opportunityForm, ValidOpportunity(name.ToLowerInvariant()));
        await Expect(opportunityPage.GetByTestId("customer-hint")).ToHaveAttributeAsync("data-customer-id", id!);
        await opportunityForm.Locator("[type=submit]").ClickAsync();
        var filed = opportunityPage.GetByTestId("opportunity-filed");
        await Expect(filed).ToBeVisibleAsync();
        var opportunity = await Api.GetFromJsonAsync<JsonElement>($"/api/orders/opportunities/{await filed.GetAttributeAsync("data-id")}");
        (opportunity.GetProperty("customerId").GetString(), opportunity.GetProperty("customer").GetString()).Should().Be((id, name), "the form named the customer by its id");
    }

    [Fact]
    public async Task a_field_the_api_refuses_shows_its_error_beside_it_and_nothing_is_filed()
    {
        var before = await OpportunityCountAsync();
        var page = await console.OpenAsync("opportunity-form", "/opportunities/new", p => p.GetByTestId("opportunity-form"));
        var form = page.GetByTestId("opportunity-form");
        await FillAsync(form, ValidOpportunity("Refused Mining Co") with { Quantity = "0" });
        await form.Locator("[type=submit]").ClickAsync();

        var error = page.GetByTestId("error-quantity");
        await Expect(error).ToBeVisibleAsync();
        (await error.InnerTextAsync()).Should().NotBeNullOrWhiteSpace("the API's own message is shown on the field");
        await Expect(page.GetByTestId("opportunity-filed")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "opportunity-refused");
        (await OpportunityCountAsync()).Should().Be(before, "a refused opportunity is not filed");
    }

    [Fact]
    public async Task a_vehicle_page_shows_its_history_as_sentences_newest_first_its_status_spells_and_its_trajectory()
    {
        var code = await VehicleWithTheLongestHistoryAsync();
        // The page reads its history a page of 20 at a time, newest first, as the API pages it.
        var newest = await Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{code}/history?pageSize=20");
        var total = newest.GetProperty("total").GetInt64();

        var page = await console.OpenAsync("vehicle", $"/vehicles/{code}", p => p.GetByTestId("vehicle-history"));
        await Expect(page.GetByTestId("vehicle-history")).ToHaveAttributeAsync("data-total", total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rows = page.GetByTestId("history-row");
        await Expect(rows).ToHaveCountAsync(newest.GetProperty("items").GetArrayLength());
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.version)")).Should().Equal(
            newest.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "the newest events first, as the API pages them");
        // Every row a sentence in Chinese, none of the event types' own names.
        foreach (var row in await rows.AllAsync())
        {
            (await row.Locator("td").Nth(1).EvaluateAsync<string>("cell => cell.firstChild.textContent")).Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}").And.NotMatchRegex("_v[0-9]+$");
        }
        // The next page is the next 20 older events, read from the API when asked for.
        total.Should().BeGreaterThan(20, "the longest history has a second page");
        await page.GetByTestId("vehicle-history").GetByRole(AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-version", (total - 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(rows).ToHaveCountAsync((int)Math.Min(total - 20, 20));
        var model = (await Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{code}")).GetProperty("model").GetString()!;
        await Expect(page.GetByTestId("vehicle-state")).ToContainTextAsync($"{model} · {(await Api.ModelNamesAsync("zh-CN"))[model]}");
        // The trajectory is read once its place comes near the screen.
        await page.GetByTestId("trajectory-chart").ScrollIntoViewIfNeededAsync();
        await Expect(page.GetByTestId("trajectory-chart")).ToHaveAttributeAsync("data-state", "ready");
        var spells = await Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{code}/status-timeline");
        await Expect(page.GetByTestId("status-timeline")).ToHaveAttributeAsync("data-points", spells.GetProperty("spells").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ConsoleFixture.ScreenshotAsync(page, "vehicle");
    }

    [Fact]
    public async Task the_inventory_finds_a_code_typed_in_lower_case_sorts_by_a_header_and_keeps_both_in_the_address()
    {
        var code = (await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=1&sort=-code")).GetProperty("items")[0].GetProperty("code").GetString()!;
        var page = await console.OpenAsync("inventory-search", "/inventory", p => p.GetByTestId("inventory-row").First);

        var search = page.GetByTestId("inventory-search");
        await search.FillAsync(code.ToLowerInvariant());
        await search.PressAsync("Enter");
        await Expect(page.GetByTestId("inventory-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("inventory-row")).ToContainTextAsync(code);
        System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["search"].Should().Be(code.ToLowerInvariant());

        // Warehouse, clicked twice: descending, as the API sorts it.
        await search.FillAsync(string.Empty);
        await search.PressAsync("Enter");
        var warehouse = page.GetByTestId("inventory").Locator("th").Nth(5);
        await warehouse.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(warehouse).ToHaveAttributeAsync("aria-sort", "ascending");
        await warehouse.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(warehouse).ToHaveAttributeAsync("aria-sort", "descending");
        var expected = (await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=50&sort=-warehouse")).GetProperty("items").EnumerateArray()
            .Select(line => line.GetProperty("code").GetString()!).ToList();
        await Expect(page.GetByTestId("inventory-row").Locator("td:first-child")).ToHaveTextAsync([.. expected]);
        System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["sort"].Should().Be("-warehouse");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("inventory-row").Locator("td:first-child")).ToHaveTextAsync([.. expected], new() { Timeout = 30_000 });

        await page.GotoAsync($"/vehicles/{code.ToLowerInvariant()}");
        await ConsoleFixture.PathAsync(page, at => at == $"/vehicles/{code}");
        await Expect(page.GetByTestId("history-row").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_orders_page_finds_an_order_by_the_start_of_its_customer_and_sorts_by_a_header_keeping_both_in_the_address()
    {
        var customer = GatewayRequests.Unique("Zijin Search Mining");
        var placed = await console.System.PostOkAsync("/api/orders/orders", new
        {
            customer, region = "north", salesRep = "administrator", deliverySite = "Pit 4",
            lines = new[] { new { model = "MT-90E", quantity = 1, unitPrice = 2_000_000m } },
        }, HttpStatusCode.Created);
        var page = await console.OpenAsync("orders-search", "/orders", p => p.GetByTestId("order-row").First);

        var search = page.GetByTestId("orders-search");
        await search.FillAsync(customer[..10].ToLowerInvariant());
        await search.PressAsync("Enter");
        await Expect(page.GetByTestId("order-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("order-row")).ToContainTextAsync(placed.GetProperty("id").GetString()!);

        await search.FillAsync(string.Empty);
        await search.PressAsync("Enter");
        var customers = page.GetByTestId("orders").Locator("th").Nth(2);
        await customers.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(customers).ToHaveAttributeAsync("aria-sort", "ascending");
        var expected = (await Api.GetFromJsonAsync<JsonElement>("/api/orders/orders?pageSize=50&sort=customer")).GetProperty("items").EnumerateArray()
            .Select(order => order.GetProperty("id").GetString()!).ToList();
        await Expect(page.GetByTestId("order-row").Locator("td:first-child")).ToHaveTextAsync([.. expected]);
        System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["sort"].Should().Be("customer");
    }

    [Fact]
    public async Task the_inventory_exports_every_row_it_lists_in_its_order_to_csv_and_excel()
    {
        var page = await console.OpenAsync("inventory-export", "/inventory?sort=-warehouse", p => p.GetByTestId("inventory-row").First);
        var expected = (await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=500&sort=-warehouse")).GetProperty("items").EnumerateArray()
            .Select(line => line.GetProperty("code").GetString()!).ToList();

        // The list's own buttons, above the map's (which export the positions drawn).
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").First.ClickAsync());
        csv.SuggestedFilename.Should().MatchRegex(@"^inventory-\d{4}-\d{2}-\d{2}\.csv$");
        (await Exported.CsvAsync(csv)).Skip(1).Select(row => row[0]).Should().Equal(expected, "the file holds the API's rows in the API's order, every page of them");

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").First.ClickAsync());
        var texts = await Exported.WorkbookTextAsync(xlsx);
        expected.Should().OnlyContain(code => texts.Contains(code, StringComparison.Ordinal), "every vehicle is in the workbook");
    }

    [Fact]
    public async Task the_okr_board_shows_the_quarters_aligned_objectives()
    {
        var page = await console.OpenAsync("okr-board", "/okr", p => p.GetByTestId("objective").First);
        (await page.GetByTestId("objective").CountAsync()).Should().BeGreaterThan(1, "the company's, its teams' and its people's objectives");
        await Expect(page.GetByTestId("okr-board")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_okr_fill_rate_of_each_team_exports_as_shown()
    {
        var quarter = $"{ChinaNow.Year}-Q{(ChinaNow.Month + 2) / 3}";
        var teams = (await console.System.GetOkAsync($"/api/okr/fill-rate?period={quarter}")).GetProperty("teams").EnumerateArray().ToList();
        var page = await console.OpenAsync("okr-fill-rate", "/okr", p => p.GetByTestId("fill-rate-teams"));

        var rows = await ExportCsvAsync(page, page.GetByTestId("fill-rate"), $"fill-rate-{quarter}");
        teams.Should().NotBeEmpty();
        rows.Skip(1).Select(row => (row[0], row[1], row[2], Exported.Number(row[3]), row[4])).Should().Equal(teams.Select(team => (
            team.GetProperty("team").GetString()!,
            team.GetProperty("people").GetInt32().ToString(CultureInfo.InvariantCulture),
            team.GetProperty("filled").GetInt32().ToString(CultureInfo.InvariantCulture),
            Rate(team.GetProperty("rate")),
            string.Join(", ", team.GetProperty("missing").EnumerateArray().Select(person => person.GetProperty("name").GetString())))));
    }

    [Theory]
    [InlineData("chart-utilization")]
    [InlineData("chart-collection-rate")]
    [InlineData("chart-receivables")]
    [InlineData("chart-conversion-rate")]
    [InlineData("chart-order-trends")]
    public async Task each_chart_is_drawn_with_the_demo_companys_figures(string chart)
    {
        var page = await console.OpenAsync("charts", "/charts", p => p.GetByTestId(chart));
        var drawn = page.GetByTestId(chart);
        await Expect(drawn).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        int.Parse(await drawn.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture)
            .Should().BePositive($"{chart} has data to draw");
        (await drawn.Locator("canvas, svg").CountAsync()).Should().BePositive("ECharts drew it");
    }

    [Fact]
    public async Task the_charts_as_known_on_the_day_before_the_demo_was_recorded_have_nothing_to_draw_whatever_their_business_dates()
    {
        // The demo company's year is dated back, but recorded today (China's day): as known at the end of yesterday, none of it was.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var to = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        (await Api.GetFromJsonAsync<JsonElement>($"/api/orders/figures/order-trends?from={from}&to={to}&knownAt={yesterday}")).GetProperty("rows").GetArrayLength()
            .Should().Be(0, "the API knew of no order yesterday");
        var page = await console.OpenAsync("charts-known-at", "/charts", p => p.GetByTestId("chart-order-trends"));
        var trends = page.GetByTestId("chart-order-trends");
        await Expect(trends).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });

        await page.GetByTestId("known-at").FillAsync(yesterday);

        await Expect(trends).ToHaveAttributeAsync("data-state", "empty", new() { Timeout = 30_000 });
        await page.GetByTestId("known-at").FillAsync(string.Empty);
        await Expect(trends).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task the_people_are_found_by_the_start_of_a_name_typed_in_lower_case()
    {
        var name = (await Api.GetFromJsonAsync<JsonElement>("/api/okr/people?pageSize=1")).GetProperty("items")[0].GetProperty("name").GetString()!;
        var typed = name[..Math.Min(2, name.Length)].ToLowerInvariant();
        var expected = (await Api.GetFromJsonAsync<JsonElement>($"/api/okr/people?pageSize=50&search={Uri.EscapeDataString(typed)}")).GetProperty("items").EnumerateArray()
            .Select(person => person.GetProperty("id").GetString()!).ToList();
        var page = await console.OpenAsync("people", "/people", p => p.GetByTestId("person-row").First);

        await page.GetByTestId("people-search").FillAsync(typed);
        await page.GetByTestId("people-search").PressAsync("Enter");
        expected.Should().NotBeEmpty();
        await Expect(page.GetByTestId("person-row").Locator("td:first-child")).ToHaveTextAsync([.. expected]);
        System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["search"].Should().Be(typed);
    }

    [Fact]
    public async Task the_aged_receivables_table_beside_its_chart_holds_the_apis_rows_and_total_and_exports_them()
    {
        var figure = await Api.GetFromJsonAsync<JsonElement>("/api/orders/figures/receivables?groupBy=customer");
        var keys = figure.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("key").GetString()!).Append("合计").ToList();
        var page = await console.OpenAsync("aged-receivables", "/charts", p => p.GetByTestId("aged-receivables-row").First);

        await Expect(page.GetByTestId("aged-receivables-row").Locator("td:first-child")).ToHaveTextAsync([.. keys]);
        var table = page.Locator("article").Filter(new() { Has = page.GetByTestId("aged-receivables") });
        var rows = await Exported.CsvAsync(await page.RunAndWaitForDownloadAsync(() => table.GetByTestId("export-csv").ClickAsync()));
        rows[0][0].Should().Be("客户", "the first column is headed by the grouping, in the reader's words");
        rows.Skip(1).Select(row => row[0]).Should().Equal(keys, "the file holds the table's rows, the total last");
        // Outstanding is the seventh column: key, five ageing buckets, outstanding.
        decimal.Parse(rows[^1][6], CultureInfo.InvariantCulture).Should().Be(figure.GetProperty("total").GetProperty("outstanding").GetDecimal());
    }

    [Fact]
    public async Task a_period_is_picked_a_year_typed_key_by_key_is_asked_for_once_whole_and_one_the_api_refuses_is_explained()
    {
        var page = await console.OpenAsync("charts-period", "/charts", p => p.GetByTestId("chart-conversion-rate"));
        var card = ChartCard(page, "chart-conversion-rate");
        var chart = page.GetByTestId("chart-conversion-rate");
        var asked = new List<string?>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/orders/figures/conversion-rate", StringComparison.Ordinal))
            {
                lock (asked)
                {
                    asked.Add(PeriodAskedFor(request.Url));
                }
            }
        };

        // The chart opens on this quarter; the year picked instead is the one it falls in.
        var (thisYear, lastYear) = (ChinaNow.Year.ToString(CultureInfo.InvariantCulture), (ChinaNow.Year - 1).ToString(CultureInfo.InvariantCulture));
        await page.RunAndWaitForResponseAsync(() => card.Locator("select[name=periodKind]").SelectOptionAsync("year"), response => Asks(response.Url, "conversion-rate", thisYear));
        await Expect(chart).ToHaveAttributeAsync("data-state", Settled);

        lock (asked)
        {
            asked.Clear();
        }

        var year = card.Locator("input[name=year]");
        await year.ClearAsync();
        await page.RunAndWaitForResponseAsync(() => year.PressSequentiallyAsync(lastYear, new() { Delay = 80 }), response => Asks(response.Url, "conversion-rate", lastYear));
        await Expect(chart).ToHaveAttributeAsync("data-state", Settled);
        await Expect(card.GetByTestId("problem")).ToHaveCountAsync(0);
        lock (asked)
        {
            asked.Should().Equal([lastYear], "the emptied year and the half-typed 2, 20, 202 are never asked for");
        }

        // A year the API's calendar does not hold: the chart says what the API says of it, in the reader's language.
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/api/orders/figures/conversion-rate?period=1899&groupBy=region");
        refused.Headers.AcceptLanguage.ParseAdd("zh-CN");
        using var answer = await Api.SendAsync(refused);
        var why = (await answer.ShouldBeValidationProblemAsync("period")).GetProperty("errors").GetProperty("period")[0].GetString()!;
        await year.FillAsync("1899");
        await Expect(chart).ToHaveAttributeAsync("data-state", "error");
        await Expect(chart.GetByTestId("problem")).ToContainTextAsync(why);
    }

    [Fact]
    public async Task each_chart_exports_the_figures_it_draws_for_the_period_and_grouping_picked()
    {
        var page = await console.OpenAsync("charts-export", "/charts", p => p.GetByTestId("chart-order-trends"));

        // Conversion by sales rep in a year picked: of this year and the last, the one with more reps converting.
        var years = new[] { ChinaNow.Year - 1, ChinaNow.Year }.Select(candidate => candidate.ToString(CultureInfo.InvariantCulture));
        var (year, conversion) = (await Task.WhenAll(years.Select(async candidate => (candidate, figure: await console.System.GetOkAsync($"/api/orders/figures/conversion-rate?period={candidate}&groupBy=salesRep")))))
            .MaxBy(found => found.figure.GetProperty("rows").GetArrayLength());
        conversion.GetProperty("rows").GetArrayLength().Should().BePositive("opportunities were won and lost");
        var card = ChartCard(page, "chart-conversion-rate");
        await card.Locator("select[name=periodKind]").SelectOptionAsync("year");
        await card.Locator("input[name=year]").FillAsync(year);
        await page.RunAndWaitForResponseAsync(() => card.Locator("select[name=groupBy]").SelectOptionAsync("salesRep"),
            response => Asks(response.Url, "conversion-rate", year) && response.Url.Contains("groupBy=salesRep", StringComparison.Ordinal));
        var rows = await ExportCsvAsync(page, card, $"conversion-rate-{year}-salesRep");
        rows[0].Should().Equal("销售", "订单转化率");
        rows.Skip(1).Select(row => (row[0], Exported.Number(row[1]))).Should().Equal(
            conversion.GetProperty("rows").EnumerateArray().Select(row => (row.GetProperty("key").GetString()!, Rate(row.GetProperty("rate")))), "the file holds the rates drawn, the API's");

        // Utilization by region in last month, picked with the browser's month picker.
        var lastMonth = ChinaNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var utilization = await console.System.GetOkAsync($"/api/fleet/utilization?period={lastMonth}&groupBy=region");
        card = ChartCard(page, "chart-utilization");
        await card.Locator("input[name=month]").FillAsync(lastMonth);
        await page.RunAndWaitForResponseAsync(() => card.Locator("select[name=groupBy]").SelectOptionAsync("region"),
            response => Asks(response.Url, "/api/fleet/utilization", lastMonth) && response.Url.Contains("groupBy=region", StringComparison.Ordinal));
        rows = await ExportCsvAsync(page, card, $"utilization-{lastMonth}-region");
        rows.Should().HaveCountGreaterThan(1, "the fleet worked in every region last month");
        rows.Skip(1).Select(row => (row[0], Exported.Number(row[1]), Exported.Number(row[2]))).Should().Equal(
            utilization.GetProperty("rows").EnumerateArray().Select(row => (row.GetProperty("key").GetString()!, Rate(row.GetProperty("timeUtilization")), Rate(row.GetProperty("operatingUtilization")))));
        var xlsx = await page.RunAndWaitForDownloadAsync(() => card.GetByTestId("export-xlsx").ClickAsync());
        xlsx.SuggestedFilename.Should().StartWith($"utilization-{lastMonth}-region-").And.EndWith(".xlsx");
        var workbook = await Exported.WorkbookTextAsync(xlsx);
        rows.Skip(1).Should().OnlyContain(row => workbook.Contains(row[0], StringComparison.Ordinal), "every region is in the workbook");

        // Order trends as drawn: a row per month of the last twelve, each model's amount ordered in its column.
        var (from, to) = (ChinaNow.AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture), ChinaNow.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var trends = (await console.System.GetOkAsync($"/api/orders/figures/order-trends?from={from}&to={to}")).GetProperty("rows").EnumerateArray()
            .Select(row => (month: row.GetProperty("month").GetString()!, model: row.GetProperty("model").GetString()!, amount: row.GetProperty("amount").GetDouble())).ToList();
        rows = await ExportCsvAsync(page, ChartCard(page, "chart-order-trends"), $"order-trends-{from}-{to}");
        var models = trends.Select(row => row.model).Distinct().Order(StringComparer.Ordinal).ToList();
        rows[0].Should().Equal(new[] { "月份" }.Concat(models));
        rows.Skip(1).Select(row => row[0]).Should().Equal(Enumerable.Range(0, 12).Select(month => ChinaNow.AddMonths(month - 11).ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        foreach (var row in rows.Skip(1))
        {
            row.Skip(1).Select(cell => Exported.Number(cell)).Should().Equal(
                models.Select(model => (double?)trends.Where(trend => trend.month == row[0] && trend.model == model).Sum(trend => trend.amount)), $"the amounts of {row[0]}");
        }
    }

    [Fact]
    public async Task the_labels_follow_the_language_chosen()
    {
        var page = await console.OpenAsync("inventory", "/inventory", p => p.GetByRole(AriaRole.Table).First);
        var chinese = await page.Locator("nav").InnerTextAsync();
        // The first vehicle by code (the inventory's order) shows its model's name in the reader's language.
        var first = (await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=1&sort=code")).GetProperty("items")[0].GetProperty("model").GetString()!;
        var (zh, en) = ((await Api.ModelNamesAsync("zh-CN"))[first], (await Api.ModelNamesAsync("en"))[first]);
        zh.Should().NotBe(en, "the catalogue names {0} in both languages", first);
        var model = page.GetByTestId("inventory-row").First.Locator("td").Nth(1);
        await Expect(model).ToHaveTextAsync($"{first} · {zh}");
        await page.GetByTestId("language").ClickAsync();
        await Expect(page.Locator("nav")).Not.ToHaveTextAsync(chinese);
        (await page.Locator("nav").InnerTextAsync()).Should().MatchRegex("[A-Za-z]{4,}", "English labels");
        await Expect(model).ToHaveTextAsync($"{first} · {en}");
        await ConsoleFixture.ScreenshotAsync(page, "inventory-english");
    }

    /// <summary>Now in China, whose calendar the figures' periods follow.</summary>
    private static DateTimeOffset ChinaNow => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

    /// <summary>A chart's figures once read: drawn, or nothing to draw.</summary>
    private static readonly System.Text.RegularExpressions.Regex Settled = new("^(ready|empty)$");

    /// <summary>The card of the charts page that holds a chart, with its controls and export.</summary>
    private static ILocator ChartCard(IPage page, string chart) => page.Locator("article").Filter(new() { Has = page.GetByTestId(chart) });

    private static string? PeriodAskedFor(string url) => System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["period"];

    /// <summary>Whether a call asks <paramref name="figure"/> (a part of its path) for <paramref name="period"/>.</summary>
    private static bool Asks(string url, string figure, string period) => url.Contains(figure, StringComparison.Ordinal) && PeriodAskedFor(url) == period;

    /// <summary>A rate as the API answers it; none where it has no basis.</summary>
    private static double? Rate(JsonElement rate) => rate.ValueKind == JsonValueKind.Null ? null : rate.GetDouble();

    /// <summary>What the export to CSV of <paramref name="within"/> wrote, once its figures are shown, named for them and the day.</summary>
    private static async Task<IReadOnlyList<string[]>> ExportCsvAsync(IPage page, ILocator within, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => within.GetByTestId("export-csv").ClickAsync());
        download.SuggestedFilename.Should().MatchRegex($@"^{System.Text.RegularExpressions.Regex.Escape(name)}-\d{{4}}-\d{{2}}-\d{{2}}\.csv$");
        return await Exported.CsvAsync(download);
    }

    private sealed record Opportunity(string Customer, string Region, string SalesRep, string Model, string Quantity, string ExpectedAmount, string ExpectedCloseDate);

    private static Opportunity ValidOpportunity(string customer) =>
        new(customer, "north", "administrator", "MT-90E", "2", "8400000", DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Types each value into the field of that name, as a person would: a list is chosen from, a box typed into.</summary>
    private static async Task FillAsync(ILocator form, Opportunity opportunity)
    {
        foreach (var (name, value) in new[]
        {
            ("customer", opportunity.Customer), ("region", opportunity.Region), ("salesRep", opportunity.SalesRep), ("model", opportunity.Model),
            ("quantity", opportunity.Quantity), ("expectedAmount", opportunity.ExpectedAmount), ("expectedCloseDate", opportunity.ExpectedCloseDate),
        })
        {
            var field = form.Locator($"[name={name}]");
            if (await field.EvaluateAsync<string>("element => element.tagName") == "SELECT")
            {
                await field.SelectOptionAsync(value);
            }
            else
            {
                await field.FillAsync(value);
            }
        }
    }

    private async Task<int> OpportunityCountAsync()
    {
        using var answer = await Api.GetAsync("/api/orders/opportunities");
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return body.ValueKind == JsonValueKind.Array ? body.GetArrayLength() : (int)body.GetProperty("total").GetInt64();
    }

    /// <summary>Of the vehicles lent out now, the one whose record tells most: its page has the most to show.</summary>
    private async Task<string> VehicleWithTheLongestHistoryAsync()
    {
        var lent = await Api.GetFromJsonAsync<JsonElement>("/api/fleet/inventory?pageSize=20");
        var longest = (code: "", events: -1L);
        foreach (var line in lent.GetProperty("items").EnumerateArray())
        {
            var code = line.GetProperty("code").GetString()!;
            var events = (await Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{code}/history?pageSize=1")).GetProperty("total").GetInt64();
            if (events > longest.events)
            {
                longest = (code, events);
            }
        }

        longest.events.Should().BeGreaterThan(3, "the demo company's vehicles have a year of history");
        return longest.code;
    }
}
