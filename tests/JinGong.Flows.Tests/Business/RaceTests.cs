using System.Net;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

[Collection(SystemCollection.Name)]
public sealed class RaceTests(SystemFixture system)
{
    [Fact]
    public async Task two_orders_racing_for_the_last_unit_one_gets_it_the_other_waits_until_another_is_built()
    {
        // A region of the test's own, so no other test's vehicles are candidates; WL-30E is used by no other test.
        var company = new Company(system, Company.Unique("race"));
        var region = Company.Unique("south");
        var yard = Company.Unique("guangzhou");
        var last = await company.RegisterVehicleAsync("WL-30E", region, yard);
        var order = new
        {
            customer = "Zhanjiang Port", region, salesRep = "huang.li", deliverySite = "Zhanjiang port",
            lines = new[] { new { model = "WL-30E", quantity = 1, unitPrice = 420_000m } },
        };

        var placed = await Task.WhenAll(
            company.PostAsync("/api/orders/orders", order, HttpStatusCode.Created),
            company.PostAsync("/api/orders/orders", order, HttpStatusCode.Created));
        var (first, second) = (placed[0].GetProperty("id").GetString()!, placed[1].GetProperty("id").GetString()!);

        var settled = await Task.WhenAll(new[] { first, second }.Select(id => company.WhenAsync(
            $"/api/dispatch/allocations/{id}", a => Company.Units(a).Single().GetProperty("status").GetString() is "Reserved" or "Backordered", $"allocation of {id} to settle")));
        settled.Select(a => Company.Units(a).Single().GetProperty("status").GetString()).Should().BeEquivalentTo("Reserved", "Backordered");
        var winner = settled.Single(a => Company.Units(a).Single().GetProperty("status").GetString() == "Reserved").GetProperty("orderId").GetString();
        var waiting = winner == first ? second : first;
        (await company.GetAsync($"/api/fleet/vehicles/{last}")).GetProperty("reservedFor").GetString().Should().Be(winner);

        // Production completes another unit: the waiting order is served by it.
        var next = await company.RegisterVehicleAsync("WL-30E", region, yard);
        var served = await company.WhenAsync($"/api/dispatch/allocations/{waiting}", a => Company.Status(a, next) == "Reserved", $"backordered {waiting} to be served");
        Company.Units(served).Single().GetProperty("vehicleCode").GetString().Should().Be(next);
        (await company.GetAsync($"/api/fleet/vehicles/{next}")).GetProperty("reservedFor").GetString().Should().Be(waiting);
    }
}
