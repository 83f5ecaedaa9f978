using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

[Collection(SystemCollection.Name)]
public sealed class CancellationTests(SystemFixture system)
{
    [Fact]
    public async Task a_cancelled_order_gives_its_reserved_vehicle_back_to_stock_for_the_next_order()
    {
        var company = new Company(system, Company.Unique("cancel"));
        var region = Company.Unique("west");
        var vehicle = await company.RegisterVehicleAsync("WL-50E", region, Company.Unique("chengdu"));
        var order = new
        {
            customer = "Panzhihua Steel", region, salesRep = "liu.yang", deliverySite = "Panzhihua",
            lines = new[] { new { model = "WL-50E", quantity = 1, unitPrice = 650_000m } },
        };
        var first = (await company.PostAsync("/api/orders/orders", order, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await company.WhenAsync($"/api/dispatch/allocations/{first}", a => Company.Status(a, vehicle) == "Reserved", "the vehicle to be reserved");

        await company.PostAsync($"/api/orders/orders/{first}/cancellation", new { reason = "project postponed" });

        await company.WhenAsync($"/api/fleet/vehicles/{vehicle}", v => v.GetProperty("status").GetString() == "InStock", "fleet to release the vehicle");
        var cancelled = await company.GetAsync($"/api/dispatch/allocations/{first}");
        (cancelled.GetProperty("cancelled").GetBoolean(), Company.Units(cancelled).Single().GetProperty("status").GetString()).Should().Be((true, "Released"));
        using (var schedule = await system.Gateway.PostAsJsonAsync($"/api/dispatch/allocations/{first}/deliveries", new { vehicleCode = vehicle, date = "2026-12-01" }))
        {
            await schedule.ShouldBeProblemAsync(HttpStatusCode.Conflict, "allocation-cancelled");
        }

        var second = (await company.PostAsync("/api/orders/orders", order, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await company.WhenAsync($"/api/dispatch/allocations/{second}", a => Company.Status(a, vehicle) == "Reserved", "the next order to get the vehicle");
    }
}
