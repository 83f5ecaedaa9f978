using System.Net;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

/// <summary>
/// A fact caused by another carries the business time of its cause, in every service: an order entered weeks after it
/// was placed (as the demo company and any catch-up of paper records do) is reserved, moved and delivered at the
/// times of the order and of the dispatcher's reports, never at the moment the messages were handled.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BusinessTimeTests(SystemFixture system)
{
    [Fact]
    public async Task an_order_placed_weeks_ago_is_reserved_moved_delivered_and_paid_at_its_own_times_in_fleet_dispatch_and_orders()
    {
        var company = new Company(system, Company.Unique("back-dated"));
        // Whole seconds: the times come back as they were sent.
        var placed = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-20).ToUnixTimeSeconds());
        var (arrived, scheduled, delivered, invoiced, paid) = (placed.AddDays(3), placed.AddDays(4), placed.AddDays(5), placed.AddDays(6), placed.AddDays(10));
        // Registered 30 days ago in the north; the order is for the east: reserved there, then brought over.
        var vehicle = await company.RegisterVehicleAsync("EX-22E", "north", "tianjin-1");

        var order = (await company.PostAsync("/api/orders/orders", new
        {
            customer = Company.Unique("Baotou Steel"), region = "east", salesRep = Company.Unique("rep"), deliverySite = "Bayan Obo pit 2",
            lines = new[] { new { model = "EX-22E", quantity = 1, unitPrice = 800_000m } }, occurredAt = placed,
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var allocation = $"/api/dispatch/allocations/{order}";
        await company.WhenAsync(allocation, a => Company.Status(a, vehicle) == "InTransit", "fleet to reserve the unit and set it off");
        await company.PostAsync($"{allocation}/arrivals", new { vehicleCode = vehicle, occurredAt = arrived });
        await company.WhenAsync(allocation, a => Company.Status(a, vehicle) == "Reserved", "the unit to arrive");
        await company.PostAsync($"{allocation}/deliveries", new { vehicleCode = vehicle, date = DateOnly.FromDateTime(delivered.UtcDateTime), occurredAt = scheduled });
        await company.PostAsync($"{allocation}/deliveries/confirmation", new { vehicleCode = vehicle, occurredAt = delivered });
        await company.WhenAsync($"/api/orders/orders/{order}", o => o.GetProperty("status").GetString() == "Delivered", "orders to see the delivery");
        var invoice = (await company.PostAsync($"/api/orders/orders/{order}/invoices", new { amount = 800_000m, dueDate = DateOnly.FromDateTime(paid.UtcDateTime), occurredAt = invoiced }))
            .GetProperty("invoices")[0].GetProperty("invoiceId").GetString();
        await company.PostAsync($"/api/orders/orders/{order}/payments", new { invoiceId = invoice, amount = 800_000m, occurredAt = paid });

        var fleet = await HistoryAsync(company, $"/api/fleet/vehicles/{vehicle}/history");
        var dispatch = await HistoryAsync(company, $"{allocation}/history");
        var orders = await HistoryAsync(company, $"/api/orders/orders/{order}/history");

        fleet.Where(e => e.Type != "vehicle_registered_v1").Should().Equal(
            [("vehicle_reserved_v1", placed), ("vehicle_transfer_started_v1", placed), ("vehicle_transfer_arrived_v1", arrived), ("vehicle_delivered_v1", delivered)],
            "fleet records each request at the time of what dispatch was told");
        dispatch.Should().Equal(
            [
                ("allocation_opened_v1", placed), ("reservation_requested_v1", placed), ("unit_reserved_v1", placed), ("transfer_requested_v1", placed),
                ("unit_transfer_started_v1", placed), ("arrival_reported_v1", arrived), ("unit_arrived_v1", arrived), ("delivery_scheduled_v1", scheduled),
                ("delivery_confirmed_v1", delivered), ("unit_delivered_v1", delivered),
            ],
            "dispatch records fleet's answers at the times fleet gives them");
        orders.Should().NotBeEmpty().And.OnlyContain(e => e.OccurredAt >= placed && e.OccurredAt <= paid, "nothing of the order happened when it was entered");
        orders.Where(e => e.Type != "order_placed_v2" && e.OccurredAt < invoiced).Select(e => e.OccurredAt)
            .Should().OnlyContain(at => at == placed || at == delivered, "orders follows its vehicle at fleet's times");
    }

    /// <summary>A record's events in the order they were recorded (its history pages newest first; one page holds these).</summary>
    private static async Task<IReadOnlyList<(string Type, DateTimeOffset OccurredAt)>> HistoryAsync(Company company, string path) =>
        [.. (await company.GetAsync($"{path}?pageSize={JinGong.Http.Page.MaxSize}")).GetProperty("items").EnumerateArray().Reverse()
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("occurredAt").GetDateTimeOffset()))];
}
