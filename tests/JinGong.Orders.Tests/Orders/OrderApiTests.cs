using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Orders;

[Collection(OrdersService.Collection)]
public sealed class OrderApiTests(OrdersService orders)
{
    [Fact]
    public async Task an_order_placed_from_a_won_opportunity_takes_its_customer_region_and_rep_and_is_its_only_order()
    {
        var region = GatewayRequests.Unique("west");
        var opportunity = await orders.FileOpportunityAsync(region, salesRep: "zhang.min");
        await orders.PostOkAsync($"/api/orders/opportunities/{opportunity}/won", new { occurredAt = DateTimeOffset.UtcNow.AddDays(-50) });
        var order = new
        {
            opportunityId = opportunity, deliverySite = "Panzhihua mine",
            lines = new[] { new { model = "MT-90E", quantity = 2, unitPrice = 1_480_000.50m } },
        };

        var placed = await orders.PostOkAsync("/api/orders/orders", order, HttpStatusCode.Created);

        placed.GetProperty("customer").GetString().Should().Be("Baotou Steel");
        placed.GetProperty("region").GetString().Should().Be(region);
        placed.GetProperty("salesRep").GetString().Should().Be("zhang.min");
        placed.GetProperty("amount").GetDecimal().Should().Be(2_960_001.00m);
        placed.GetProperty("status").GetString().Should().Be("Placed");
        (await orders.GetOkAsync($"/api/orders/opportunities/{opportunity}")).GetProperty("orderId").GetString()
            .Should().Be(placed.GetProperty("id").GetString());
        using var again = await orders.Api.PostAsJsonAsync("/api/orders/orders", order);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "opportunity-already-ordered");
    }

    [Fact]
    public async Task an_order_names_a_won_opportunity_that_exists_and_agrees_with_it()
    {
        var open = await orders.FileOpportunityAsync("west");
        var lines = new[] { new { model = "MT-90E", quantity = 1, unitPrice = 1_000_000m } };

        using var fromOpen = await orders.Api.PostAsJsonAsync("/api/orders/orders", new { opportunityId = open, deliverySite = "site", lines });
        await fromOpen.ShouldBeProblemAsync(HttpStatusCode.Conflict, "opportunity-not-won");
        using var fromNothing = await orders.Api.PostAsJsonAsync("/api/orders/orders", new { opportunityId = "OPP-0000000000", deliverySite = "site", lines });
        await fromNothing.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-opportunity");
        await orders.PostOkAsync($"/api/orders/opportunities/{open}/won", new { });
        using var otherRegion = await orders.Api.PostAsJsonAsync("/api/orders/orders", new { opportunityId = open, region = "east", deliverySite = "site", lines });
        await otherRegion.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "order-differs-from-opportunity");
        (await orders.OrdersStreamVersionAsync(open)).Should().Be(2, "filed and won: no refused order marked it");
    }

    [Theory]
    [InlineData(0, 1_000_000, "lines[0].quantity")]
    [InlineData(-1, 1_000_000, "lines[0].quantity")]
    [InlineData(1, 0, "lines[0].unitPrice")]
    [InlineData(1, -3, "lines[0].unitPrice")]
    [InlineData(1, 0.001, "lines[0].unitPrice")]
    public async Task quantities_and_prices_are_positive_and_in_fen(int quantity, decimal unitPrice, string field)
    {
        var placedBefore = (await orders.OrdersEventsAsync()).Count(e => e.Type == "order_placed_v2");

        using var answer = await orders.Api.PostAsJsonAsync("/api/orders/orders", new
        {
            customer = "Baotou Steel", region = "west", salesRep = "li.wei", deliverySite = "site",
            lines = new[] { new { model = "MT-90E", quantity, unitPrice } },
        });

        (await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").EnumerateObject()
            .Select(error => error.Name).Should().Equal(field);
        (await orders.OrdersEventsAsync()).Count(e => e.Type == "order_placed_v2").Should().Be(placedBefore);
    }

    [Fact]
    public async Task invoices_never_exceed_the_order_and_payments_never_exceed_the_invoice()
    {
        var id = await orders.PlaceOrderAsync("west", quantity: 2, unitPrice: 1_500_000m, occurredAt: DateTimeOffset.UtcNow.AddDays(-40));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var issueDate = today.AddDays(-30);

        var invoiced = await orders.PostOkAsync($"/api/orders/orders/{id}/invoices", new { amount = 2_000_000m, issueDate, dueDate = issueDate.AddDays(30) });
        var invoiceId = invoiced.GetProperty("invoices")[0].GetProperty("invoiceId").GetString();
        using (var beyond = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/invoices", new { amount = 1_000_000.01m, issueDate, dueDate = issueDate }))
        {
            await beyond.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "invoices-exceed-order-amount");
        }

        using (var dueFirst = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/invoices", new { amount = 1m, issueDate, dueDate = issueDate.AddDays(-1) }))
        {
            await dueFirst.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "invoice-due-before-issue");
        }

        using (var overpaid = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/payments", new { invoiceId, amount = 2_000_000.01m, paidOn = today }))
        {
            await overpaid.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "payment-exceeds-invoice-balance");
        }

        using (var paidFirst = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/payments", new { invoiceId, amount = 1m, paidOn = issueDate.AddDays(-1) }))
        {
            await paidFirst.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "payment-before-invoice");
        }

        using (var unknown = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/payments", new { invoiceId = "INV-NONE", amount = 1m }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "invoice-not-found");
        }

        (await orders.OrdersStreamVersionAsync(id)).Should().Be(2, "placed and invoiced once: every refusal appended nothing");
        var paid = await orders.PostOkAsync($"/api/orders/orders/{id}/payments", new { invoiceId, amount = 500_000m, paidOn = today });
        paid.GetProperty("invoiced").GetDecimal().Should().Be(2_000_000m);
        paid.GetProperty("paid").GetDecimal().Should().Be(500_000m);
        paid.GetProperty("receivable").GetDecimal().Should().Be(1_500_000m);
        var rest = await orders.PostOkAsync($"/api/orders/orders/{id}/payments", new { invoiceId, amount = 1_500_000m, paidOn = today });
        rest.GetProperty("receivable").GetDecimal().Should().Be(0m);
    }

    [Fact]
    public async Task a_cancelled_order_takes_no_invoice_and_no_payment()
    {
        var id = await orders.PlaceOrderAsync("west", occurredAt: DateTimeOffset.UtcNow.AddDays(-20));
        var invoiced = await orders.PostOkAsync($"/api/orders/orders/{id}/invoices", new { amount = 100_000m, dueDate = "2030-01-01" });
        var invoiceId = invoiced.GetProperty("invoices")[0].GetProperty("invoiceId").GetString();

        var cancelled = await orders.PostOkAsync($"/api/orders/orders/{id}/cancellation", new { reason = "customer postponed the project" });

        cancelled.GetProperty("status").GetString().Should().Be("Cancelled");
        using (var pay = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/payments", new { invoiceId, amount = 1m }))
        {
            await pay.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-cancelled");
        }

        using (var invoice = await orders.Api.PostAsJsonAsync($"/api/orders/orders/{id}/invoices", new { amount = 1m, dueDate = "2030-01-01" }))
        {
            await invoice.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-cancelled");
        }

        (await orders.OrdersStreamVersionAsync(id)).Should().Be(3);
    }

    [Fact]
    public async Task an_order_as_of_a_past_moment_shows_what_had_happened_by_then()
    {
        var placedAt = DateTimeOffset.UtcNow.AddDays(-10);
        var id = await orders.PlaceOrderAsync("west", occurredAt: placedAt);
        await orders.PostOkAsync($"/api/orders/orders/{id}/invoices", new { amount = 100_000m, dueDate = "2030-01-01", occurredAt = placedAt.AddDays(5) });

        var before = await orders.GetOkAsync($"/api/orders/orders/{id}?asOf={Uri.EscapeDataString(placedAt.AddDays(1).ToString("O"))}");
        var now = await orders.GetOkAsync($"/api/orders/orders/{id}");

        before.GetProperty("invoiced").GetDecimal().Should().Be(0m);
        before.GetProperty("version").GetInt64().Should().Be(1);
        now.GetProperty("invoiced").GetDecimal().Should().Be(100_000m);
        // The history pages newest first, as every record's does.
        var latest = await orders.GetOkAsync($"/api/orders/orders/{id}/history?pageSize=1");
        latest.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("invoice_issued_v1");
        latest.GetProperty("total").GetInt64().Should().Be(2);
        (await orders.GetOkAsync($"/api/orders/orders/{id}/history?pageSize=1&page=2")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).Should().Equal("order_placed_v2");
    }
}
