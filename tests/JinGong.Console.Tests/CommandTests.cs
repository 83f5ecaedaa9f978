using System.Globalization;
using System.Net;
using System.Text.Json;
using JinGong.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JinGong.Console.Tests;

/// <summary>
/// What sales and finance do from the pages where they look at a record: each command sent from its form, checked in
/// the API afterwards; a double click doing it once; a change by someone else since the page was read refused (412)
/// and shown.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class CommandTests(ConsoleFixture console)
{
    [Fact]
    public async Task sales_moves_an_opportunity_wins_it_and_places_its_order_from_its_page()
    {
        var id = await FileOpportunityAsync("Anshan Iron Gongchangling");
        var page = await console.OpenAsync("opportunity-commands", $"/opportunities/{id}", p => p.GetByTestId("command-move"));

        var move = page.GetByTestId("command-move");
        await move.Locator("[name=stage]").SelectOptionAsync("Proposal");
        await move.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-move-done")).ToBeVisibleAsync();
        (await OpportunityAsync(id)).GetProperty("stage").GetString().Should().Be("Proposal");

        await page.GetByTestId("command-win").Locator("[type=submit]").ClickAsync();
        var place = page.GetByTestId("command-place-order");
        await Expect(place).ToBeVisibleAsync();
        (await OpportunityAsync(id)).GetProperty("stage").GetString().Should().Be("Won");

        await place.Locator("[name=deliverySite]").FillAsync("Gongchangling pit 3");
        await place.Locator("[name=unitPrice-0]").FillAsync("4150000");
        await place.Locator("[type=submit]").ClickAsync();
        var placed = page.GetByTestId("order-placed");
        await Expect(placed).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "opportunity-ordered");
        var orderId = await placed.GetAttributeAsync("data-id");
        (await OpportunityAsync(id)).GetProperty("orderId").GetString().Should().Be(orderId);
        var order = await console.System.GetOkAsync($"/api/orders/orders/{orderId}");
        order.GetProperty("deliverySite").GetString().Should().Be("Gongchangling pit 3");
        order.GetProperty("amount").GetDecimal().Should().Be(2 * 4_150_000m);
        await Expect(page.GetByTestId("command-place-order")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_change_by_someone_else_since_the_page_was_read_is_refused_and_the_page_shows_it()
    {
        var id = await FileOpportunityAsync("Benxi Steel Nanfen");
        var page = await console.OpenAsync("opportunity-stale", $"/opportunities/{id}", p => p.GetByTestId("command-move"));

        await console.System.PostOkAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Qualified" });
        var move = page.GetByTestId("command-move");
        await move.Locator("[name=stage]").SelectOptionAsync("Negotiation");
        await move.Locator("[type=submit]").ClickAsync();

        await Expect(move.GetByTestId("problem")).ToHaveAttributeAsync("data-status", "412");
        await Expect(page.GetByTestId("opportunity")).ToContainTextAsync("已确认");
        await ConsoleFixture.ScreenshotAsync(page, "opportunity-stale");
        (await OpportunityAsync(id)).GetProperty("stage").GetString().Should().Be("Qualified", "what the other person did stands");
    }

    [Fact]
    public async Task finance_invoices_an_order_and_records_its_payment_and_a_double_click_invoices_once()
    {
        var order = await console.System.PostOkAsync("/api/orders/orders", new
        {
            customer = GatewayRequests.Unique("Finance Test Mining"),
            region = "north",
            salesRep = "administrator",
            deliverySite = "Pit 1",
            lines = new[] { new { model = "MT-90E", quantity = 1, unitPrice = 3_000_000m } },
        }, HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString();
        var page = await console.OpenAsync("order-commands", $"/orders/{orderId}", p => p.GetByTestId("command-issue-invoice"));

        var invoice = page.GetByTestId("command-issue-invoice");
        await invoice.Locator("[name=amount]").FillAsync("3000000");
        await invoice.Locator("[name=dueDate]").FillAsync(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await invoice.Locator("[type=submit]").DblClickAsync();
        await Expect(page.GetByTestId("command-issue-invoice-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-invoices").Locator("tbody tr")).ToHaveCountAsync(1);
        var invoices = (await console.System.GetOkAsync($"/api/orders/orders/{orderId}")).GetProperty("invoices");
        invoices.GetArrayLength().Should().Be(1, "a double click is one action");

        var payment = page.GetByTestId("command-record-payment");
        await payment.Locator("[name=invoiceId]").SelectOptionAsync(invoices[0].GetProperty("invoiceId").GetString()!);
        await payment.Locator("[name=amount]").FillAsync("1200000");
        await payment.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-record-payment-done")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "order-paid");
        (await console.System.GetOkAsync($"/api/orders/orders/{orderId}")).GetProperty("paid").GetDecimal().Should().Be(1_200_000m);
    }

    [Fact]
    public async Task a_card_dragged_to_another_stage_on_the_kanban_moves_the_opportunity_and_a_refused_drag_puts_it_back()
    {
        var moving = await FileOpportunityAsync("Kanban Drag Mining");
        var refused = await FileOpportunityAsync("Kanban Refused Mining");
        var page = await console.OpenAsync("pipeline-board", "/pipeline", p => p.GetByTestId("pipeline-board"));
        var card = (string id) => page.Locator($"[data-testid=board-card][data-id='{id}']");
        var column = (string stage) => page.Locator($"[data-testid=board-column][data-stage={stage}]");
        // Picked up beside its link and dropped under the column's heading: a tall column's middle may be below the fold.
        var drag = (string id, string stage) => card(id).DragToAsync(column(stage), new() { SourcePosition = new() { X = 6, Y = 30 }, TargetPosition = new() { X = 20, Y = 20 } });

        // Someone else moves one card after the board was read: its drag sends the version the card showed, and is refused.
        await console.System.PostOkAsync($"/api/orders/opportunities/{refused}/stage", new { stage = "Qualified" });
        await drag(refused, "Negotiation");
        await Expect(page.GetByTestId("board-refusal")).ToHaveAttributeAsync("data-id", refused);
        await Expect(page.GetByTestId("board-refusal").GetByTestId("problem")).ToHaveAttributeAsync("data-status", "412");
        await Expect(column("Qualified").Locator($"[data-id='{refused}']")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "pipeline-board-refused");
        (await OpportunityAsync(refused)).GetProperty("stage").GetString().Should().Be("Qualified", "what the other person did stands");

        await drag(moving, "Proposal");
        await Eventually.ReturnsAsync(
            async _ => (await OpportunityAsync(moving)).GetProperty("stage").GetString(), stage => stage == "Proposal", TimeSpan.FromSeconds(30),
            $"{moving} moved to Proposal by the drop");
        await Expect(column("Proposal").Locator($"[data-id='{moving}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task fleet_operations_open_and_close_a_vehicles_maintenance_from_its_page()
    {
        var code = (await console.System.GetOkAsync("/api/fleet/inventory?status=InStock&pageSize=1&sort=-code")).GetProperty("items")[0].GetProperty("code").GetString()!;
        var page = await console.OpenAsync("vehicle-commands", $"/vehicles/{code}", p => p.GetByTestId("command-open-maintenance"));

        var open = page.GetByTestId("command-open-maintenance");
        await open.Locator("[name=reason]").FillAsync("Hydraulic leak on the left lift cylinder");
        await open.Locator("[type=submit]").ClickAsync();
        var close = page.GetByTestId("command-close-maintenance");
        await Expect(close).ToBeVisibleAsync();
        (await console.System.GetOkAsync($"/api/fleet/vehicles/{code}")).GetProperty("status").GetString().Should().Be("InMaintenance");
        await Expect(page.GetByTestId("history-row").First).ToContainTextAsync("进入维修：Hydraulic leak on the left lift cylinder");

        await close.Locator("[name=outcome]").FillAsync("Seal replaced, pressure tested");
        await close.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-open-maintenance")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "vehicle-maintained");
        (await console.System.GetOkAsync($"/api/fleet/vehicles/{code}")).GetProperty("status").GetString().Should().Be("InStock");
    }

    [Fact]
    public async Task dispatch_schedules_and_confirms_a_delivery_from_the_order_page()
    {
        var stock = (await console.System.GetOkAsync("/api/fleet/inventory?status=InStock&pageSize=1&sort=code")).GetProperty("items")[0];
        var order = await console.System.PostOkAsync("/api/orders/orders", new
        {
            customer = GatewayRequests.Unique("Delivery Test Mining"),
            region = stock.GetProperty("region").GetString(),
            salesRep = "administrator",
            deliverySite = "Pit 2",
            lines = new[] { new { model = stock.GetProperty("model").GetString(), quantity = 1, unitPrice = 2_500_000m } },
        }, HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString()!;
        var reserved = await Eventually.ReturnsAsync(
            async _ => (await console.System.GetOkAsync($"/api/orders/orders/{orderId}")).GetProperty("reservedVehicles"),
            vehicles => vehicles.GetArrayLength() == 1, TimeSpan.FromSeconds(60), $"dispatch reserved a vehicle for {orderId}");
        var vehicle = reserved[0].GetString()!;
        var page = await console.OpenAsync("order-delivery", $"/orders/{orderId}", p => p.GetByTestId("command-schedule-delivery"));

        var schedule = page.GetByTestId("command-schedule-delivery");
        await schedule.Locator("[name=vehicleCode]").SelectOptionAsync(vehicle);
        await schedule.Locator("[name=date]").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await schedule.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-schedule-delivery-done")).ToBeVisibleAsync();

        var confirm = page.GetByTestId("command-confirm-delivery");
        await confirm.Locator("[name=vehicleCode]").SelectOptionAsync(vehicle);
        await confirm.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("command-confirm-delivery-done")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "order-delivered");
        await Eventually.ReturnsAsync(
            async _ => (await console.System.GetOkAsync($"/api/fleet/vehicles/{vehicle}")).GetProperty("status").GetString(),
            status => status == "Delivered", TimeSpan.FromSeconds(60), $"fleet recorded {vehicle}'s delivery");
    }

    [Fact]
    public async Task fleet_operations_open_a_warehouse_and_register_a_vehicle_at_it_which_takes_its_region()
    {
        var (warehouse, code) = (GatewayRequests.Unique("lanzhou"), FleetApi.NewCode());
        // The forms are folded until asked for: the page is ready when their headings show.
        var page = await console.OpenAsync("warehouse-and-registration", "/inventory", p => p.Locator("summary").Filter(new() { HasText = "登记新车" }));

        await page.Locator("summary").Filter(new() { HasText = "开设仓库" }).ClickAsync();
        var open = page.GetByTestId("command-open-warehouse");
        await open.Locator("[name=code]").FillAsync(warehouse);
        await open.Locator("[name=region]").SelectOptionAsync("west");
        await open.Locator("[name=latitude]").FillAsync("36.06");
        await open.Locator("[name=longitude]").FillAsync("103.83");
        await open.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("warehouse-opened")).ToContainTextAsync(warehouse);

        await page.Locator("summary").Filter(new() { HasText = "登记新车" }).ClickAsync();
        var register = page.GetByTestId("command-register-vehicle");
        await register.Locator("[name=code]").FillAsync(code);
        await register.Locator("[name=model]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await register.Locator("[name=warehouse]").SelectOptionAsync(warehouse);
        await register.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("vehicle-registered")).ToContainTextAsync(code);

        var vehicle = await console.System.GetOkAsync($"/api/fleet/vehicles/{code}");
        (vehicle.GetProperty("warehouse").GetString(), vehicle.GetProperty("region").GetString()).Should().Be((warehouse, "west"));

        // The inventory's warehouse filter offers it too, and finds the one vehicle there.
        await page.ReloadAsync();
        await page.Locator("form.filters select[name=warehouse]").SelectOptionAsync(warehouse);
        await Expect(page.GetByTestId("inventory-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("inventory-row")).ToContainTextAsync(code);
    }

    [Fact]
    public async Task dispatch_transfers_a_vehicle_to_another_region_and_reports_its_arrival_from_its_page()
    {
        var stock = (await console.System.GetOkAsync("/api/fleet/inventory?status=InStock&pageSize=1&sort=-model")).GetProperty("items")[0];
        var code = stock.GetProperty("code").GetString()!;
        var regions = (await console.System.GetOkAsync("/api/dispatch/regions")).EnumerateArray().ToList();
        var to = regions.First(region => region.GetProperty("name").GetString() != stock.GetProperty("region").GetString());
        var page = await console.OpenAsync("vehicle-transfer", $"/vehicles/{code}", p => p.GetByTestId("command-transfer"));

        var transfer = page.GetByTestId("command-transfer");
        await transfer.Locator("[name=toWarehouse]").SelectOptionAsync(to.GetProperty("warehouse").GetString()!);
        await transfer.Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("dispatch-recorded")).ToBeVisibleAsync();
        await Eventually.ReturnsAsync(
            async _ => (await console.System.GetOkAsync($"/api/fleet/vehicles/{code}")).GetProperty("status").GetString(),
            status => status == "InTransit", TimeSpan.FromSeconds(60), $"fleet started {code}'s transfer");

        await page.ReloadAsync();
        await page.GetByTestId("command-arrival").Locator("[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("dispatch-recorded")).ToBeVisibleAsync();
        var arrived = await Eventually.ReturnsAsync(
            async _ => await console.System.GetOkAsync($"/api/fleet/vehicles/{code}"),
            vehicle => vehicle.GetProperty("status").GetString() == "InStock", TimeSpan.FromSeconds(60), $"fleet completed {code}'s transfer");
        arrived.GetProperty("region").GetString().Should().Be(to.GetProperty("name").GetString(), "a vehicle takes its warehouse's region");
        arrived.GetProperty("warehouse").GetString().Should().Be(to.GetProperty("warehouse").GetString());
    }

    [Fact]
    public async Task a_key_result_moved_by_hand_is_checked_in_from_the_okr_board()
    {
        // The quarter the board opens on: this one, in China.
        var china = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var board = await console.System.GetOkAsync($"/api/okr/board?period={china.Year}-Q{(china.Month + 2) / 3}");
        var keyResult = ManualKeyResults(board.GetProperty("roots")).First();
        var id = keyResult.GetProperty("id").GetString()!;
        var value = keyResult.GetProperty("value").GetDecimal() + 1;
        var page = await console.OpenAsync("okr-check-in", "/okr", p => p.GetByTestId("okr-board"));

        var row = page.Locator($"[data-testid=key-result][data-id='{id}']");
        // Another objective, folded by the reader before the check-in; and the board on screen, to see whether it is ever replaced.
        var otherId = await page.GetByTestId("objective").Filter(new() { HasNot = row }).First.GetAttributeAsync("data-id");
        var other = page.Locator($"[data-testid=objective][data-id='{otherId}'] > details");
        await other.Locator(":scope > summary").ClickAsync();
        await Expect(other).Not.ToHaveAttributeAsync("open", "");
        await page.GetByTestId("okr-board").EvaluateAsync("board => { window.boardShown = board; }");

        await row.Locator("summary").ClickAsync();
        var checkIn = row.GetByTestId($"command-check-in-{id}");
        await checkIn.Locator("[name=value]").FillAsync(value.ToString(CultureInfo.InvariantCulture));
        await checkIn.Locator("[name=confidence]").FillAsync("0.6");
        await checkIn.Locator("[name=note]").FillAsync("Two more sites signed this week");
        await checkIn.Locator("[type=submit]").ClickAsync();
        await Expect(page.Locator($"[data-testid=key-result][data-id='{id}']")).ToContainTextAsync($"→ {value.ToString(CultureInfo.InvariantCulture)} /");

        // The board was read again in place: never taken off the screen, the fold and the open check-in as the reader left them.
        (await page.EvaluateAsync<bool>("() => window.boardShown.isConnected")).Should().BeTrue("the board stays shown while it is read again");
        (await other.EvaluateAsync<bool>("details => details.open")).Should().BeFalse("the objective folded before the check-in stays folded");
        await Expect(page.GetByTestId($"command-check-in-{id}-done")).ToBeVisibleAsync();

        var checkedIn = await console.System.GetOkAsync($"/api/okr/key-results/{id}");
        checkedIn.GetProperty("value").GetDecimal().Should().Be(value);
        checkedIn.GetProperty("confidence").GetDecimal().Should().Be(0.6m);
    }

    /// <summary>The key results of the board's tree that no metric moves, which people check in by hand.</summary>
    private static IEnumerable<JsonElement> ManualKeyResults(JsonElement objectives) =>
        objectives.EnumerateArray().SelectMany(objective =>
            objective.GetProperty("keyResults").EnumerateArray()
                .Where(keyResult => keyResult.GetProperty("binding").ValueKind == JsonValueKind.Null && !keyResult.GetProperty("frozen").GetBoolean())
                .Concat(ManualKeyResults(objective.GetProperty("children"))));

    [Fact]
    public async Task an_owner_sets_an_objective_defines_a_key_result_scores_it_after_its_period_and_the_tree_folds_and_filters_by_person()
    {
        var china = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var quarter = ((china.Year * 4) + ((china.Month - 1) / 3)) - 1;
        var lastQuarter = $"{quarter / 4}-Q{(quarter % 4) + 1}";
        var people = (await console.System.GetOkAsync("/api/okr/people?pageSize=2")).GetProperty("items");
        var (owner, someoneElse) = (people[0].GetProperty("id").GetString()!, people[1].GetProperty("id").GetString()!);
        var title = GatewayRequests.Unique("Idle hours below target");
        var page = await console.OpenAsync("okr-commands", "/okr", p => p.GetByTestId("okr-board"));
        // The board's period picked as a year and a quarter; the objective is set for the period shown.
        var period = page.Locator(".filters > [data-testid=period-picker]");
        await period.Locator("input[name=year]").FillAsync((quarter / 4).ToString(CultureInfo.InvariantCulture));
        await period.Locator("select[name=quarter]").SelectOptionAsync(((quarter % 4) + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("okr-board")).ToHaveAttributeAsync("data-period", lastQuarter);

        var set = page.GetByTestId("command-set-objective");
        await page.Locator("summary").Filter(new() { HasText = "设定目标" }).ClickAsync();
        await set.Locator("[name=title]").FillAsync(title);
        await set.Locator("[name=owner]").SelectOptionAsync($"Person:{owner}");
        await set.Locator("[type=submit]").ClickAsync();
        // An objective by its own line: every node's align form also offers the new objective as a parent.
        ILocator Titled() => page.GetByTestId("objective").Filter(new() { Has = page.Locator("summary.objective > strong", new() { HasText = title }) });
        var objective = Titled();
        await Expect(objective).ToBeVisibleAsync();
        var objectiveId = await objective.GetAttributeAsync("data-id");

        await objective.Locator("details.objective-commands > summary").ClickAsync();
        var define = page.GetByTestId($"command-define-key-result-{objectiveId}");
        await define.Locator("[name=title]").FillAsync("Idle hours per unit");
        await define.Locator("[name=target]").FillAsync("40");
        await define.Locator("[name=unit]").FillAsync("h");
        await define.Locator("[type=submit]").ClickAsync();
        var keyResult = objective.GetByTestId("key-result");
        await Expect(keyResult).ToHaveCountAsync(1);
        var keyResultId = await keyResult.GetAttributeAsync("data-id");

        // The quarter is over: the owner's chain scores it, and the score stands.
        await keyResult.Locator("details.score-key-result > summary").ClickAsync();
        var score = page.GetByTestId($"command-score-{keyResultId}");
        await score.Locator("[name=score]").FillAsync("0.6");
        await score.Locator("[name=reason]").FillAsync("Two of five sites met it");
        await score.Locator("[type=submit]").ClickAsync();
        await Expect(objective.GetByTestId("key-result")).ToContainTextAsync("Two of five sites met it");
        var scored = await console.System.GetOkAsync($"/api/okr/key-results/{keyResultId}");
        (scored.GetProperty("frozen").GetBoolean(), scored.GetProperty("score").GetDecimal()).Should().Be((true, 0.6m));

        // Folding the objective hides its key results; filtering by another person hides the objective.
        await objective.Locator("summary.objective").ClickAsync();
        await Expect(objective.GetByTestId("key-result")).ToBeHiddenAsync();
        await page.Locator("select[name=person]").SelectOptionAsync(owner);
        await Expect(Titled()).ToBeVisibleAsync();
        await page.Locator("select[name=person]").SelectOptionAsync(someoneElse);
        await Expect(page.GetByTestId("okr-board")).ToBeVisibleAsync();
        await Expect(Titled()).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_field_a_command_refuses_shows_the_apis_message_beside_it_in_the_readers_language_and_changes_nothing()
    {
        var id = await FileOpportunityAsync("Refused Reason Mining");
        var page = await console.OpenAsync("opportunity-refused-command", $"/opportunities/{id}", p => p.GetByTestId("command-lose"));

        // The console opens in Chinese: the API's message comes in Chinese, the field named in Chinese too.
        var lose = page.GetByTestId("command-lose");
        await lose.Locator("[type=submit]").ClickAsync();
        await Expect(lose.GetByTestId("error-reason")).ToHaveTextAsync("原因为必填项。");
        await Expect(lose.Locator("[name=reason]")).ToBeFocusedAsync();

        await page.GetByTestId("language").ClickAsync();
        await lose.Locator("[type=submit]").ClickAsync();
        await Expect(lose.GetByTestId("error-reason")).ToHaveTextAsync("The reason is required.");
        (await OpportunityAsync(id)).GetProperty("stage").GetString().Should().Be("Lead");
    }

    private async Task<string> FileOpportunityAsync(string customer)
    {
        var filed = await console.System.PostOkAsync("/api/orders/opportunities", new
        {
            customer = GatewayRequests.Unique(customer),
            region = "north",
            salesRep = "administrator",
            lines = new[] { new { model = "MT-90E", quantity = 2 } },
            expectedAmount = 8_400_000m,
            expectedCloseDate = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, HttpStatusCode.Created);
        return filed.GetProperty("id").GetString()!;
    }

    private Task<JsonElement> OpportunityAsync(string id) => console.System.GetOkAsync($"/api/orders/opportunities/{id}");
}
