using System.Net;
using System.Net.Http.Json;
using JinGong.Contracts.Orders;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Customers;

/// <summary>The customer registry [客户档案] through orders' API: a record per name, its contacts, its region's people only.</summary>
[Collection(OrdersService.Collection)]
public sealed class CustomerApiTests(OrdersService orders)
{
    [Fact]
    public async Task a_customer_is_registered_under_its_name_with_contacts_and_a_name_typed_another_way_finds_it_registered()
    {
        var (name, region) = (GatewayRequests.Unique("Baotou Steel"), GatewayRequests.Unique("north"));
        var registered = await orders.PostOkAsync("/api/orders/customers", new
        {
            name, region, contacts = new[] { new { name = "Li Na", phone = "+86 472 555 0101", email = "li.na@baotou.example", role = "purchasing" } },
        }, HttpStatusCode.Created);

        var id = registered.GetProperty("id").GetString()!;
        id.Should().Be(CustomerIds.ForName(name));
        registered.GetProperty("version").GetInt64().Should().Be(2, "registered, then its first contact");
        var contact = registered.GetProperty("contacts").EnumerateArray().Should().ContainSingle().Subject;
        contact.GetProperty("contactId").GetString().Should().Be($"{id}-C1");
        contact.GetProperty("email").GetString().Should().Be("li.na@baotou.example");
        (await orders.GetOkAsync($"/api/orders/customers/{id}")).GetRawText().Should().Be(registered.GetRawText());

        using var again = await orders.Api.PostAsJsonAsync("/api/orders/customers", new { name = $"  {name.ToUpperInvariant()} ", region });
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "customer-already-registered")).GetProperty("detail").GetString().Should().Contain(id);
        (await orders.OrdersStreamVersionAsync(id)).Should().Be(2);

        var listed = await orders.GetOkAsync($"/api/orders/customers?region={region}&search={Uri.EscapeDataString(name[..8].ToLowerInvariant())}");
        listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).Should().Equal(id);
    }

    [Fact]
    public async Task contacts_are_added_changed_and_removed_and_the_record_keeps_its_history()
    {
        var (name, region) = (GatewayRequests.Unique("Hebei Steel"), GatewayRequests.Unique("north"));
        var id = (await orders.PostOkAsync("/api/orders/customers", new { name, region }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var added = await orders.PostOkAsync($"/api/orders/customers/{id}/contacts", new { name = "Zhang Wei", phone = "13800000000" });
        added.GetProperty("contacts")[0].GetProperty("contactId").GetString().Should().Be($"{id}-C1");
        var changed = await orders.PostOkAsync($"/api/orders/customers/{id}/contacts/{id}-C1", new { name = "Zhang Wei", email = "zhang.wei@hebei.example" });
        changed.GetProperty("contacts")[0].GetProperty("phone").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "a field left out is cleared");
        var renamed = await orders.PostOkAsync($"/api/orders/customers/{id}/details", new { name = $"{name} Group", region });
        renamed.GetProperty("id").GetString().Should().Be(id, "a renamed customer keeps its id");
        (await orders.PostOkAsync($"/api/orders/customers/{id}/contacts/{id}-C1/removal", new { })).GetProperty("contacts").GetArrayLength().Should().Be(0);

        using (var unknown = await orders.Api.PostAsJsonAsync($"/api/orders/customers/{id}/contacts/{id}-C1/removal", new { }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-contact");
        }

        using (var bad = await orders.Api.PostAsJsonAsync($"/api/orders/customers/{id}/contacts", new { name = " ", phone = "call me", email = "two@a.example, b@c.example" }))
        {
            var errors = (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
            errors.EnumerateObject().Select(error => error.Name).Should().BeEquivalentTo("name", "phone", "email");
        }

        var history = await orders.GetOkAsync($"/api/orders/customers/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("type").GetString()).Should().Equal(
            "customer_contact_removed_v1", "customer_details_changed_v1", "customer_contact_changed_v1", "customer_contact_added_v1", "customer_registered_v1");
    }

    [Fact]
    public async Task a_customer_never_takes_another_s_name_and_a_rep_reaches_only_their_region_s_customers()
    {
        var (first, second, region, other) = (GatewayRequests.Unique("Shanxi Coal"), GatewayRequests.Unique("Datong Coal"), GatewayRequests.Unique("north"), GatewayRequests.Unique("south"));
        var a = (await orders.PostOkAsync("/api/orders/customers", new { name = first, region }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var b = (await orders.PostOkAsync("/api/orders/customers", new { name = second, region }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await orders.PostOkAsync($"/api/orders/customers/{a}/details", new { name = $"{first} Holdings", region });

        using (var taken = await orders.Api.PostAsJsonAsync($"/api/orders/customers/{b}/details", new { name = $"{first} holdings", region }))
        {
            await taken.ShouldBeProblemAsync(HttpStatusCode.Conflict, "customer-name-taken");
        }

        using (var takenByRename = await orders.Api.PostAsJsonAsync("/api/orders/customers", new { name = $"{first} Holdings", region }))
        {
            await takenByRename.ShouldBeProblemAsync(HttpStatusCode.Conflict, "customer-name-taken");
        }

        using var rep = orders.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], other);
        (await rep.GetAsync($"/api/orders/customers/{a}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var elsewhere = await rep.PostAsJsonAsync("/api/orders/customers", new { name = GatewayRequests.Unique("Anshan Steel"), region }))
        {
            await elsewhere.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        }

        using (var moving = await orders.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], region).PostAsJsonAsync($"/api/orders/customers/{b}/details", new { name = second, region = other }))
        {
            await moving.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        }

        var theirs = (await orders.PostOkAsync("/api/orders/customers", new { name = GatewayRequests.Unique("Anshan Steel"), region = other }, HttpStatusCode.Created))
            .GetProperty("id").GetString();
        (await (await rep.GetAsync("/api/orders/customers")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetString()).Should().Equal(theirs);
    }
}
