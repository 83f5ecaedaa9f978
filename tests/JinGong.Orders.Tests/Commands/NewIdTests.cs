using JinGong.Orders.Customers;
using JinGong.EventSourcing;
using JinGong.Orders.Orders;
using JinGong.Orders.Tests.Catalogue;
using JinGong.Testing;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Orders.Tests.Commands;

/// <summary>
/// An id the server makes (<c>ORD-…</c>) that names a stream already there is made again: the request places its own
/// order under another id, and the order already there is left as it was.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class NewIdTests(OrdersService orders)
{
    [Fact]
    public async Task an_order_whose_new_id_is_taken_is_placed_under_another_and_the_one_there_is_untouched()
    {
        var region = GatewayRequests.Unique("NewId");
        var taken = await orders.PlaceOrderAsync(region);
        var fresh = $"ORD-{Guid.NewGuid():N}"[..14];
        var ids = new Queue<string>([taken, fresh]);
        var http = TestTokens.AdministratorRequest();
        var tried = new List<string>();
        await using var session = orders.Services.GetRequiredService<IDocumentStore>().LightweightSession();

        var placed = await session.UnderNewIdAsync(http, "ORD", (attempt, id) =>
        {
            tried.Add(id);
            var command = new PlaceOrder(id, null, new CustomerOfRecord("CUS-BAOTOU0001", "Baotou Steel"), region, "li.wei", "Baiyun Obo mine", [new OrderLine("MT-90E", 1, 1_500_000m)], CatalogueRecords.Sold, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow);
            return attempt.StartAsync(OrdersModule.Orders, id, $"/api/orders/orders/{id}", http, current => OrderDecider.Decide(command, current), alreadyThere: null, CancellationToken.None);
        }, _ => ids.Dequeue());

        tried.Should().Equal(taken, fresh);
        placed.Result.Should().BeOfType<Created<OrderView>>().Which.Value!.Id.Should().Be(fresh);
        (await orders.OrdersStreamVersionAsync(taken)).Should().Be(1, "the order already there is untouched");
        (await orders.OrdersStreamVersionAsync(fresh)).Should().Be(1);
    }
}
