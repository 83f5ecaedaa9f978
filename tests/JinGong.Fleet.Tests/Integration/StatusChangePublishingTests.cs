using System.Net;
using System.Net.Http.Json;
using JinGong.Contracts.Fleet;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>Every change of a vehicle's status reaches the bus, with the order, loan or transfer behind it.</summary>
[Collection(FleetService.Collection)]
public sealed class StatusChangePublishingTests(FleetService fleet)
{
    [Fact]
    public async Task a_vehicle_s_life_is_told_on_the_bus_change_by_change()
    {
        await using var bus = await TestBus.StartAsync(await fleet.ConnectionStringAsync("messaging"), listen => listen.To<VehicleStatusChanged>().To<VehicleDelivered>().To<VehicleRetired>().To<VehicleRequestRefused>());
        var code = FleetApi.NewCode();

        await PostAsync("/api/fleet/vehicles", new { code, model = "MT-90E", category = "mining-truck", region = "east", warehouse = "wuxi-1" });
        await PostAsync($"/api/fleet/vehicles/{code}/reservation", new { orderId = "order-7" });
        await PostAsync($"/api/fleet/vehicles/{code}/transfers", new { transferId = "t-7", toWarehouse = "tianjin-1", toRegion = "north" });
        await PostAsync($"/api/fleet/vehicles/{code}/transfers/arrival", new { transferId = "t-7" });
        await PostAsync($"/api/fleet/vehicles/{code}/delivery", new { orderId = "order-7", customer = "Hebei Steel", site = "Tangshan mill" });

        var received = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.Received.Where(r => Code(r.Message) == code).ToList()),
            messages => messages.Count >= 5, TimeSpan.FromSeconds(30), "five messages about the vehicle");

        var changes = received.Select(r => r.Message).OfType<VehicleStatusChanged>().OrderBy(c => c.OccurredAt).ToList();
        changes.Select(c => (c.From, c.To, c.Cause)).Should().Equal(
            ("InStock", "Reserved", "reserved"),
            ("Reserved", "InTransit", "transfer-started"),
            ("InTransit", "Reserved", "transfer-arrived"),
            ("Reserved", "Delivered", "delivered"));
        changes.Should().OnlyContain(c => c.OrderId == "order-7", "the order is behind every move of a reserved vehicle");
        changes[1].TransferId.Should().Be("t-7");
        changes[2].Warehouse.Should().Be("tianjin-1");
        received.Select(r => r.Message).OfType<VehicleDelivered>().Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { OrderId = "order-7", Customer = "Hebei Steel", Model = "MT-90E" });
        received.Select(r => r.MessageId).Should().OnlyHaveUniqueItems("the status change and the delivery of one event are two messages");
    }

    private async Task PostAsync(string path, object body)
    {
        using var answer = await fleet.Api.PostAsJsonAsync(path, body);
        answer.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);
    }

    private static string Code(object message) => message switch
    {
        VehicleStatusChanged m => m.VehicleCode,
        VehicleDelivered m => m.VehicleCode,
        VehicleRetired m => m.VehicleCode,
        _ => "",
    };
}
