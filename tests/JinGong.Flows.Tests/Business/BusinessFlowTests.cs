using System.Globalization;
using System.Net;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

/// <summary>The whole business flow through the gateway, form to payment, with every service running.</summary>
[Collection(SystemCollection.Name)]
public sealed class BusinessFlowTests(SystemFixture system)
{
    [Fact]
    public async Task an_opportunity_won_becomes_an_order_whose_units_are_allocated_moved_delivered_invoiced_and_paid_under_one_correlation_id()
    {
        var company = new Company(system, Company.Unique("flow"));
        var (customer, salesRep) = (Company.Unique("Shougang"), Company.Unique("rep"));
        // One EX-22E in the east, one in the north (the order's region is east): one local, one to bring over.
        var local = await company.RegisterVehicleAsync("EX-22E", "east", "wuxi-1");
        var remote = await company.RegisterVehicleAsync("EX-22E", "north", "tianjin-1");

        var opportunity = (await company.PostAsync("/api/orders/opportunities", new
        {
            customer, region = "east", salesRep, lines = new[] { new { model = "EX-22E", quantity = 2 } },
            expectedAmount = 1_600_000m, expectedCloseDate = "2026-12-31",
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await company.PostAsync($"/api/orders/opportunities/{opportunity}/won", new { });
        var order = (await company.PostAsync("/api/orders/orders", new
        {
            opportunityId = opportunity, deliverySite = "Qian'an mine", lines = new[] { new { model = "EX-22E", quantity = 2, unitPrice = 800_000m } },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var allocation = $"/api/dispatch/allocations/{order}";
        await company.WhenAsync(allocation, a => Company.Status(a, local) == "Reserved" && Company.Status(a, remote) == "InTransit", "one unit reserved locally, one set off by fleet");
        (await company.GetAsync($"/api/fleet/vehicles/{remote}")).GetProperty("status").GetString().Should().Be("InTransit");
        var board = await company.GetAsync("/api/dispatch/board?region=east");
        board.GetProperty("regions").EnumerateArray().SelectMany(region => region.GetProperty("unitsInTransit").EnumerateArray())
            .Where(unit => unit.GetProperty("vehicleCode").GetString() == remote).Select(unit => unit.GetProperty("status").GetString())
            .Should().Equal(["InTransit"], "the board tells a unit on its way from one not set off yet");
        await company.PostAsync($"{allocation}/arrivals", new { vehicleCode = remote });
        await company.WhenAsync(allocation, a => Company.Status(a, remote) == "Reserved", "the transferred unit to arrive");

        var deliveryDay = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var vehicle in new[] { local, remote })
        {
            await company.PostAsync($"{allocation}/deliveries", new { vehicleCode = vehicle, date = deliveryDay });
            await company.PostAsync($"{allocation}/deliveries/confirmation", new { vehicleCode = vehicle });
        }

        await company.WhenAsync($"/api/orders/orders/{order}", o => o.GetProperty("status").GetString() == "Delivered", "orders to see both deliveries");
        var invoice = (await company.PostAsync($"/api/orders/orders/{order}/invoices", new { amount = 1_600_000m, dueDate = deliveryDay }))
            .GetProperty("invoices")[0].GetProperty("invoiceId").GetString();
        await company.PostAsync($"/api/orders/orders/{order}/payments", new { invoiceId = invoice, amount = 1_600_000m });

        // The vehicle records.
        foreach (var vehicle in new[] { local, remote })
        {
            var record = await company.GetAsync($"/api/fleet/vehicles/{vehicle}");
            (record.GetProperty("status").GetString(), record.GetProperty("customer").GetString(), record.GetProperty("region").GetString())
                .Should().Be(("Delivered", customer, "east"));
        }

        // The order, the collection rate and the conversion rate.
        var paid = await company.GetAsync($"/api/orders/orders/{order}");
        (paid.GetProperty("status").GetString(), paid.GetProperty("receivable").GetDecimal()).Should().Be(("Delivered", 0m));
        var month = deliveryDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var collection = (await company.GetAsync($"/api/orders/figures/collection-rate?period={month}&groupBy=customer&asOf={deliveryDay:yyyy-MM-dd}"))
            .GetProperty("rows").EnumerateArray().Single(row => row.GetProperty("key").GetString() == customer);
        (collection.GetProperty("amountDue").GetDecimal(), collection.GetProperty("collected").GetDecimal(), collection.GetProperty("rate").GetDecimal())
            .Should().Be((1_600_000m, 1_600_000m, 1m));
        var conversion = (await company.GetAsync($"/api/orders/figures/conversion-rate?period={month}&groupBy=salesRep"))
            .GetProperty("rows").EnumerateArray().Single(row => row.GetProperty("key").GetString() == salesRep);
        (conversion.GetProperty("won").GetInt32(), conversion.GetProperty("lost").GetInt32(), conversion.GetProperty("rate").GetDecimal()).Should().Be((1, 0, 1m));

        // One correlation id leads through every event of the flow, in every service.
        var orders = await new EventStoreQueries(await system.ConnectionStringAsync("ordersdb")).EventsAsync();
        var dispatch = await new EventStoreQueries(await system.ConnectionStringAsync("dispatchdb")).EventsAsync(order);
        var fleet = await new EventStoreQueries(await system.ConnectionStringAsync("fleetdb")).EventsAsync();
        orders.Where(e => e.StreamId == order || e.StreamId == opportunity).Should().OnlyContain(e => e.CorrelationId == company.CorrelationId);
        dispatch.Should().NotBeEmpty().And.OnlyContain(e => e.CorrelationId == company.CorrelationId);
        var vehicleEvents = fleet.Where(e => (e.StreamId == local || e.StreamId == remote) && e.Type != "vehicle_registered_v1").ToList();
        vehicleEvents.Select(e => e.Type).Should().Contain(["vehicle_reserved_v1", "vehicle_transfer_started_v1", "vehicle_transfer_arrived_v1", "vehicle_delivered_v1"]);
        vehicleEvents.Should().OnlyContain(e => e.CorrelationId == company.CorrelationId);

        // The auditor's view of the same flow through the gateway: every service, in the order recorded.
        var trail = await Eventually.ReturnsAsync(
            _ => company.GetAsync($"/api/audit/correlations/{company.CorrelationId}"),
            flow => flow.EnumerateArray().Select(e => e.GetProperty("service").GetString()).Distinct().Count() == 5,
            TimeSpan.FromSeconds(30), "the flow to be told by all five services that keep events of it");
        var entries = trail.EnumerateArray().ToList();
        entries.Should().OnlyContain(e => e.GetProperty("correlationId").GetString() == company.CorrelationId);
        entries.Select(e => e.GetProperty("recordedAt").GetDateTimeOffset()).Should().BeInAscendingOrder();
        // The form named a customer the registry did not hold: it was registered with the opportunity, in the same flow.
        entries.Take(2).Select(e => e.GetProperty("type").GetString()).Should().Equal("customer_registered_v1", "opportunity_filed_v2");
        entries.Select(e => e.GetProperty("type").GetString()).Should().Contain(["order_placed_v2", "vehicle_delivered_v1", "payment_received_v1", "order_noted_v1"]);

        // What the system holds about the rep, asked for on their request: every service's part, each naming what it keeps of them.
        var export = (await company.GetAsync($"/api/privacy/subjects/{salesRep}/export")).GetProperty("services");
        export.EnumerateObject().Select(part => part.Name).Should().BeEquivalentTo(["fleet", "orders", "dispatch", "okr", "knowledge", "identity"]);
        export.GetProperty("orders").GetProperty("events").EnumerateArray().Select(held => held.GetProperty("streamId").GetString()).Should().Contain([opportunity, order]);
        export.GetProperty("orders").GetProperty("documents").EnumerateArray().Select(held => held.GetProperty("id").GetString()).Should().Contain([opportunity, order]);
        export.GetProperty("okr").GetProperty("documents").EnumerateArray()
            .Select(held => held.GetProperty("data").TryGetProperty("OrderId", out var sold) ? sold.GetString() : null).Should().Contain(order, "OKR counts the rep's sale");
        export.GetProperty("fleet").GetProperty("events").GetArrayLength().Should().Be(0, "fleet never hears of the rep");

        // The deal's timeline in the knowledge base: every step of the flow, from every service, in business time, under its correlation id.
        string[] steps =
        [
            "filed", "won", "order-placed", "vehicle-reserved", "vehicle-reserved", "transfer-started", "transfer-arrived", "delivery-scheduled", "delivery-scheduled",
            "delivered", "delivered", "invoice-issued", "payment-received",
        ];
        var deal = await Eventually.ReturnsAsync(
            _ => company.GetAsync($"/api/knowledge/deals/{opportunity}"), found => found.GetProperty("timeline").GetArrayLength() == steps.Length,
            TimeSpan.FromSeconds(30), "the knowledge base to note every step of the deal");
        var timeline = deal.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Select(step => step.GetProperty("step").GetString()).Should().BeEquivalentTo(steps);
        (timeline[0].GetProperty("step").GetString(), timeline[^1].GetProperty("step").GetString()).Should().Be(("filed", "payment-received"));
        timeline.Select(step => step.GetProperty("at").GetDateTimeOffset()).Should().BeInAscendingOrder();
        timeline.Should().OnlyContain(step => step.GetProperty("correlationId").GetString() == company.CorrelationId);
        timeline.Where(step => step.GetProperty("step").GetString() == "delivered").Select(step => step.GetProperty("vehicleCode").GetString())
            .Should().BeEquivalentTo([local, remote]);
        deal.GetProperty("orderIds").EnumerateArray().Select(id => id.GetString()).Should().Equal(order);
    }
}
