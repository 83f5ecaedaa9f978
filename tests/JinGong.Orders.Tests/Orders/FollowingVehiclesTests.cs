using System.Text.Json;
using JinGong.Testing;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Orders.Tests.Orders;

/// <summary>The order learns from fleet's events which vehicles were reserved and delivered for it (published here as fleet would).</summary>
[Collection(OrdersService.Collection)]
public sealed class FollowingVehiclesTests(OrdersService orders)
{
    [Fact]
    public async Task redelivered_fleet_events_change_nothing()
    {
        var order = await orders.PlaceOrderAsync(GatewayRequests.Unique("east"), quantity: 2);
        await using var bus = await TestBus.StartAsync(await orders.ConnectionStringAsync("messaging"));
        var delivered = new Published.VehicleDelivered("JG-REDELIVERED", "MT-90E", order, "Baotou Steel", "Baiyun Obo mine", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        // The same message twice (a redelivery), then the same fact under another message id (a republished event).
        await bus.PublishAsync(delivered, messageId);
        await bus.PublishAsync(delivered, messageId);
        await bus.PublishAsync(delivered, Guid.NewGuid());
        // A marker published last: once the order shows it, everything before it was consumed.
        await bus.PublishAsync(delivered with { VehicleCode = "JG-MARKER" }, Guid.NewGuid());

        var after = await OrderWhenAsync(order, o => o.GetProperty("deliveredVehicles").EnumerateArray().Any(v => v.GetString() == "JG-MARKER"));
        after.GetProperty("deliveredVehicles").EnumerateArray().Select(v => v.GetString()).Should().BeEquivalentTo("JG-REDELIVERED", "JG-MARKER");
        (await orders.OrdersStreamVersionAsync(order)).Should().Be(3, "placed, then one delivery per vehicle");
    }

    private Task<JsonElement> OrderWhenAsync(string order, Func<JsonElement, bool> condition) =>
        Eventually.ReturnsAsync(_ => orders.GetOkAsync($"/api/orders/orders/{order}"), condition, TimeSpan.FromSeconds(30), $"order {order} to follow fleet");
}
