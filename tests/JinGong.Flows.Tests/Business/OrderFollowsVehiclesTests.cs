using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

/// <summary>An order learns from fleet's events which vehicles were reserved and delivered for it.</summary>
[Collection(SystemCollection.Name)]
public sealed class OrderFollowsVehiclesTests(SystemFixture system)
{
    [Fact]
    public async Task the_order_follows_its_vehicles_through_fleet_and_cannot_be_cancelled_once_one_is_delivered()
    {
        // The order's region and the vehicles' region are the test's own and far apart on no map, so dispatch, which
        // allocates every order, leaves these vehicles to the test's own hands.
        var order = await system.PlaceOrderAsync(GatewayRequests.Unique("east"), quantity: 2, occurredAt: DateTimeOffset.UtcNow.AddDays(-5));
        var yard = await system.Gateway.OpenWarehouseAsync(region: GatewayRequests.Unique("yard"));
        var first = await RegisterVehicleAsync(yard);
        var second = await RegisterVehicleAsync(yard);
        await system.PostOkAsync($"/api/fleet/vehicles/{first}/reservation", new { orderId = order });
        await system.PostOkAsync($"/api/fleet/vehicles/{second}/reservation", new { orderId = order });

        var reserved = await OrderWhenAsync(order, o => o.GetProperty("reservedVehicles").GetArrayLength() == 2);
        reserved.GetProperty("status").GetString().Should().Be("Placed");

        await system.PostOkAsync($"/api/fleet/vehicles/{first}/delivery", new { orderId = order, customer = "Baotou Steel", site = "Baiyun Obo mine" });
        var partly = await OrderWhenAsync(order, o => o.GetProperty("status").GetString() == "PartlyDelivered");
        partly.GetProperty("deliveredVehicles").EnumerateArray().Select(v => v.GetString()).Should().Equal(first);
        partly.GetProperty("reservedVehicles").EnumerateArray().Select(v => v.GetString()).Should().Equal(second);

        using (var cancel = await system.Gateway.PostAsJsonAsync($"/api/orders/orders/{order}/cancellation", new { reason = "too late" }))
        {
            await cancel.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-delivered");
        }

        await system.PostOkAsync($"/api/fleet/vehicles/{second}/delivery", new { orderId = order, customer = "Baotou Steel", site = "Baiyun Obo mine" });
        await OrderWhenAsync(order, o => o.GetProperty("status").GetString() == "Delivered");
    }

    private async Task<string> RegisterVehicleAsync(string warehouse)
    {
        var code = GatewayRequests.Unique("JG");
        await system.PostOkAsync("/api/fleet/vehicles", new
        {
            code, model = "MT-90E", category = "mining-truck", warehouse, occurredAt = DateTimeOffset.UtcNow.AddDays(-30),
        }, HttpStatusCode.Created);
        return code;
    }

    private Task<JsonElement> OrderWhenAsync(string order, Func<JsonElement, bool> condition) =>
        Eventually.ReturnsAsync(_ => system.GetOkAsync($"/api/orders/orders/{order}"), condition, TimeSpan.FromSeconds(30), $"order {order} to follow fleet");
}
