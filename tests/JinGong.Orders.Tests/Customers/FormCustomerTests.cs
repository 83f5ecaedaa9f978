using System.Net;
using System.Net.Http.Json;
using JinGong.Contracts.Orders;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Customers;

/// <summary>Opportunities and orders name their customer by the registry's id, or by name as clients before it did.</summary>
[Collection(OrdersService.Collection)]
public sealed class FormCustomerTests(OrdersService orders)
{
    private static object Opportunity(string region, string? customer = null, string? customerId = null, string model = "MT-90E") => new
    {
        customer, customerId, region, salesRep = "li.wei", lines = new[] { new { model, quantity = 1 } },
        expectedAmount = 1_500_000m, expectedCloseDate = "2026-12-31", occurredAt = DateTimeOffset.UtcNow.AddDays(-10),
    };

    [Fact]
    public async Task a_form_naming_a_new_customer_registers_it_with_the_opportunity_and_the_next_finds_it()
    {
        var (name, region) = (GatewayRequests.Unique("Inner Mongolia Coal"), GatewayRequests.Unique("north"));
        var id = CustomerIds.ForName(name);

        var first = await orders.PostOkAsync("/api/orders/opportunities", Opportunity(region, customer: name), HttpStatusCode.Created);
        var second = await orders.PostOkAsync("/api/orders/opportunities", Opportunity(region, customer: $" {name.ToLowerInvariant()}"), HttpStatusCode.Created);

        (first.GetProperty("customerId").GetString(), first.GetProperty("customer").GetString()).Should().Be((id, name));
        (second.GetProperty("customerId").GetString(), second.GetProperty("customer").GetString()).Should().Be((id, name), "the name as registered, however typed");
        var customer = await orders.GetOkAsync($"/api/orders/customers/{id}");
        (customer.GetProperty("name").GetString(), customer.GetProperty("region").GetString(), customer.GetProperty("version").GetInt64()).Should().Be((name, region, 1L));
        (await orders.GetOkAsync($"/api/orders/opportunities?customerId={id}")).GetProperty("total").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task a_form_naming_a_customer_by_id_takes_its_name_as_it_is_now_and_an_unknown_id_or_a_refusal_registers_nothing()
    {
        var (name, region) = (GatewayRequests.Unique("Yulong Copper"), GatewayRequests.Unique("west"));
        var id = (await orders.PostOkAsync("/api/orders/customers", new { name, region }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await orders.PostOkAsync($"/api/orders/customers/{id}/details", new { name = $"{name} Mining", region });

        var filed = await orders.PostOkAsync("/api/orders/opportunities", Opportunity(region, customerId: id), HttpStatusCode.Created);
        (filed.GetProperty("customerId").GetString(), filed.GetProperty("customer").GetString()).Should().Be((id, $"{name} Mining"));
        var placed = await orders.PostOkAsync("/api/orders/orders", new
        {
            customerId = id, region, salesRep = "li.wei", deliverySite = "pit 1", lines = new[] { new { model = "MT-90E", quantity = 1, unitPrice = 1_500_000m } },
        }, HttpStatusCode.Created);
        placed.GetProperty("customerId").GetString().Should().Be(id);
        (await orders.GetOkAsync($"/api/orders/orders?customerId={id}")).GetProperty("items").EnumerateArray().Select(order => order.GetProperty("id").GetString())
            .Should().Equal(placed.GetProperty("id").GetString());

        var before = (await orders.OrdersEventsAsync()).Count;
        using (var unknown = await orders.Api.PostAsJsonAsync("/api/orders/opportunities", Opportunity(region, customerId: "CUS-0000000000")))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-customer");
        }

        var newName = GatewayRequests.Unique("Never Registered Mining");
        using (var unsold = await orders.Api.PostAsJsonAsync("/api/orders/opportunities", Opportunity(region, customer: newName, model: "NO-SUCH-MODEL")))
        {
            unsold.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        (await orders.OrdersEventsAsync()).Count.Should().Be(before, "a refused form registers no customer either");
        (await orders.Api.GetAsync($"/api/orders/customers/{CustomerIds.ForName(newName)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_rep_files_for_a_customer_of_another_region_without_reading_its_record_and_an_order_from_an_opportunity_keeps_its_customer()
    {
        var (region, other) = (GatewayRequests.Unique("east"), GatewayRequests.Unique("south"));
        var theirs = (await orders.PostOkAsync("/api/orders/customers", new { name = GatewayRequests.Unique("Zijin Mining"), region = other }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var rep = GatewayRequests.Unique("rep");
        using var signedIn = orders.SignedInAs(rep, [Roles.SalesRep], region);
        var filed = await (await signedIn.PostAsJsonAsync("/api/orders/opportunities", new
        {
            customerId = theirs, region, salesRep = rep, lines = new[] { new { model = "MT-90E", quantity = 1 } }, expectedAmount = 1m, expectedCloseDate = "2026-12-31",
        })).JsonAsync(HttpStatusCode.Created);
        (filed.GetProperty("customerId").GetString(), filed.GetProperty("region").GetString()).Should().Be((theirs, region), "a customer buys in any region");
        (await signedIn.GetAsync($"/api/orders/customers/{theirs}")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "its record and contacts are its region's");

        var opportunity = await orders.FileOpportunityAsync(region);
        await orders.PostOkAsync($"/api/orders/opportunities/{opportunity}/won", new { });
        var placed = await orders.PostOkAsync("/api/orders/orders", new
        {
            opportunityId = opportunity, deliverySite = "pit 1", lines = new[] { new { model = "MT-90E", quantity = 1, unitPrice = 1_500_000m } },
        }, HttpStatusCode.Created);
        placed.GetProperty("customerId").GetString().Should().Be(CustomerIds.ForName("Baotou Steel"));
    }
}
