using System.Collections.Concurrent;
using JinGong.Testing;
using MassTransit;
using Published = JinGong.Contracts.Orders;

namespace JinGong.Orders.Tests.Integration;

/// <summary>What orders tells dispatch and the OKRs, seen from a seat of the test's own on the real bus.</summary>
[Collection(OrdersService.Collection)]
public sealed class PublishingTests(OrdersService orders) : IAsyncLifetime
{
    private readonly ConcurrentQueue<object> received = new();
    private IBusControl bus = null!;

    public async Task InitializeAsync()
    {
        var broker = new Uri(await orders.ConnectionStringAsync("messaging"));
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"orders-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Durable = false;
                endpoint.AutoDelete = true;
                endpoint.Handler<Published.OpportunityFiled>(Receive);
                endpoint.Handler<Published.OpportunityStageChanged>(Receive);
                endpoint.Handler<Published.OpportunityReopened>(Receive);
                endpoint.Handler<Published.OpportunityWon>(Receive);
                endpoint.Handler<Published.OpportunityLost>(Receive);
                endpoint.Handler<Published.OrderPlaced>(Receive);
                endpoint.Handler<Published.OrderCancelled>(Receive);
                endpoint.Handler<Published.InvoiceIssued>(Receive);
                endpoint.Handler<Published.PaymentReceived>(Receive);
            });
        });
        await bus.StartAsync();
    }

    public Task DisposeAsync() => bus.StopAsync();

    [Fact]
    public async Task each_business_event_is_published_with_region_rep_units_and_amounts()
    {
        var region = GatewayRequests.Unique("south");
        var won = await orders.FileOpportunityAsync(region, salesRep: "chen.jie", expectedAmount: 3_000_000m);
        await orders.PostOkAsync($"/api/orders/opportunities/{won}/stage", new { stage = "Proposal" });
        await orders.PostOkAsync($"/api/orders/opportunities/{won}/won", new { });
        var lost = await orders.FileOpportunityAsync(region, salesRep: "chen.jie");
        await orders.PostOkAsync($"/api/orders/opportunities/{lost}/lost", new { reason = "budget cut" });
        await orders.PostOkAsync($"/api/orders/opportunities/{lost}/reopening", new { reason = "budget back" });
        var order = await orders.PlaceOrderAsync(region, quantity: 3, unitPrice: 1_200_000m, salesRep: "chen.jie", occurredAt: DateTimeOffset.UtcNow.AddDays(-3));
        var invoice = (await orders.PostOkAsync($"/api/orders/orders/{order}/invoices", new { amount = 1_000_000m, dueDate = "2030-01-01" }))
            .GetProperty("invoices")[0].GetProperty("invoiceId").GetString();
        await orders.PostOkAsync($"/api/orders/orders/{order}/payments", new { invoiceId = invoice, amount = 400_000m });
        await orders.PostOkAsync($"/api/orders/orders/{order}/cancellation", new { reason = "site closed" });

        await Eventually.ReturnsAsync(_ => Task.FromResult(received.Count(Mine)), count => count == 10, TimeSpan.FromSeconds(30), "ten events of this test on the bus");

        var mine = received.Where(Mine).ToList();
        mine.OfType<Published.OpportunityWon>().Single().Should().BeEquivalentTo(new
        {
            OpportunityId = won, Region = region, SalesRep = "chen.jie", ExpectedAmount = 3_000_000m, Currency = "CNY",
            Models = new[] { new { Model = "MT-90E", Quantity = 2 } },
        });
        mine.OfType<Published.OpportunityLost>().Single().Reason.Should().Be("budget cut");
        mine.OfType<Published.OpportunityFiled>().Select(filed => filed.OpportunityId).Should().BeEquivalentTo([won, lost]);
        mine.OfType<Published.OpportunityFiled>().Single(filed => filed.OpportunityId == won).Should().BeEquivalentTo(new
        {
            Region = region, SalesRep = "chen.jie", ExpectedAmount = 3_000_000m, Currency = "CNY", Customer = "Baotou Steel", Models = new[] { new { Model = "MT-90E", Quantity = 2 } },
        });
        mine.OfType<Published.OpportunityStageChanged>().Single().Should().BeEquivalentTo(new { OpportunityId = won, Region = region, From = "Lead", To = "Proposal" });
        mine.OfType<Published.OpportunityReopened>().Single().Should().BeEquivalentTo(new { OpportunityId = lost, Region = region, Stage = "Lead", Reason = "budget back" });
        mine.OfType<Published.OrderPlaced>().Single().Should().BeEquivalentTo(new
        {
            OrderId = order, Region = region, SalesRep = "chen.jie", Customer = "Baotou Steel", Units = 3, Amount = 3_600_000m, Currency = "CNY",
            Lines = new[] { new { Model = "MT-90E", Quantity = 3, UnitPrice = 1_200_000m } },
        });
        mine.OfType<Published.InvoiceIssued>().Single().Should().BeEquivalentTo(new { OrderId = order, InvoiceId = invoice, Region = region, Amount = 1_000_000m });
        mine.OfType<Published.PaymentReceived>().Single().Should().BeEquivalentTo(new { OrderId = order, InvoiceId = invoice, Region = region, Amount = 400_000m });
        mine.OfType<Published.OrderCancelled>().Single().Should().BeEquivalentTo(new { OrderId = order, Region = region, Units = 3, Reason = "site closed" });

        bool Mine(object message) => message switch
        {
            Published.OpportunityFiled m => m.Region == region,
            Published.OpportunityStageChanged m => m.Region == region,
            Published.OpportunityReopened m => m.Region == region,
            Published.OpportunityWon m => m.Region == region,
            Published.OpportunityLost m => m.Region == region,
            Published.OrderPlaced m => m.Region == region,
            Published.OrderCancelled m => m.Region == region,
            Published.InvoiceIssued m => m.Region == region,
            Published.PaymentReceived m => m.Region == region,
            _ => false,
        };
    }

    private Task Receive<T>(ConsumeContext<T> context)
        where T : class
    {
        received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
