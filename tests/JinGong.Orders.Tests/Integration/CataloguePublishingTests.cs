using JinGong.Contracts.Knowledge;
using JinGong.EventSourcing.Messaging;
using JinGong.Testing;
using Published = JinGong.Contracts.Orders;

namespace JinGong.Orders.Tests.Integration;

/// <summary>The catalogue as the other services' copies of it hear it, from a seat of the test's own on the real bus.</summary>
[Collection(OrdersService.Collection)]
public sealed class CataloguePublishingTests(OrdersService orders)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task each_listing_change_and_withdrawal_of_a_model_is_published_with_its_names_and_reason()
    {
        await using var bus = await TestBus.StartAsync(
            await orders.ConnectionStringAsync("messaging"), listen => listen.To<Published.CatalogueModelListed>().To<Published.CatalogueModelWithdrawn>());
        var model = GatewayRequests.Unique("LD");

        await orders.PostOkAsync("/api/orders/models", OrdersApi.ModelListing(model, "1吨纯电动装载机"));
        await orders.PostOkAsync("/api/orders/models", OrdersApi.ModelListing(model, "1吨电动装载机"));
        await orders.PostOkAsync($"/api/orders/models/{model}/withdrawal", new { reason = "battery recall" });

        await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<Published.CatalogueModelListed>().Count(listed => listed.Model == model)
                + bus.ReceivedOf<Published.CatalogueModelWithdrawn>().Count(withdrawn => withdrawn.Model == model)),
            count => count == 3, Deadline, $"the listing, the change and the withdrawal of {model} on the bus");
        var listings = bus.ReceivedOf<Published.CatalogueModelListed>().Where(listed => listed.Model == model).ToList();
        listings.Select(listed => listed.Names["zh"]).Should().BeEquivalentTo("1吨纯电动装载机", "1吨电动装载机");
        listings.Should().OnlyContain(listed => listed.Category == "loader" && listed.Name == $"{model} electric loader");
        bus.ReceivedOf<Published.CatalogueModelWithdrawn>().Should().ContainSingle(withdrawn => withdrawn.Model == model)
            .Which.Reason.Should().Be("battery recall");
    }

    [Fact]
    public async Task a_service_that_asks_for_the_catalogue_is_shown_every_model_listed_as_of_its_last_change_under_an_id_of_its_request()
    {
        await using var bus = await TestBus.StartAsync(await orders.ConnectionStringAsync("messaging"), listen => listen.To<Published.CatalogueShown>());
        var (listed, withdrawn) = (GatewayRequests.Unique("LD"), GatewayRequests.Unique("LD"));
        await orders.PostOkAsync("/api/orders/models", OrdersApi.ModelListing(listed, "1吨纯电动装载机"));
        await orders.PostOkAsync("/api/orders/models", OrdersApi.ModelListing(withdrawn, "2吨纯电动装载机"));
        // The catalogue's last change, at a time of the test's choosing (every other change was made before it).
        var lastChange = DateTimeOffset.UtcNow;
        await orders.PostOkAsync($"/api/orders/models/{withdrawn}/withdrawal", new { reason = "battery recall", occurredAt = lastChange });

        var request = Guid.NewGuid();
        var answer = IntegrationEventPublisher.MessageId(request, typeof(Published.CatalogueShown));
        await bus.PublishAsync(new CatalogueRequested("knowledge", DateTimeOffset.UtcNow), request);
        // The same request delivered again is answered again under the same id, which the copy recognises.
        await bus.PublishAsync(new CatalogueRequested("knowledge", DateTimeOffset.UtcNow), request);

        await Eventually.ReturnsAsync(_ => Task.FromResult(bus.Deliveries.GetValueOrDefault(answer)), count => count == 2, Deadline, "two answers to the request");
        bus.Received.Select(received => received.MessageId).Should().OnlyContain(id => id == answer, "every answer is the request's");
        var shown = (Published.CatalogueShown)bus.Received.First().Message;
        shown.AsOf.Should().Be(lastChange);
        shown.Models.Select(model => model.Model).Should().Contain([listed, "MT-90E", "MT-120E"]).And.NotContain(withdrawn).And.BeInAscendingOrder(StringComparer.Ordinal);
        shown.Models.Single(model => model.Model == listed).Should().BeEquivalentTo(new
        {
            Category = "loader", Name = $"{listed} electric loader", Names = new Dictionary<string, string> { ["zh"] = "1吨纯电动装载机" },
        });
        shown.Models.Single(model => model.Model == "MT-90E").Names["zh"].Should().Be("90吨纯电动宽体矿卡");
    }
}
