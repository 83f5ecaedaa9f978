using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Orders;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Privacy;

/// <summary>A customer's contact erased on their request: nowhere in orders' database after, every event and version kept.</summary>
[Collection(OrdersService.Collection)]
public sealed class ContactErasureTests(OrdersService orders)
{
    [Fact]
    public async Task an_erased_contact_is_a_pseudonym_everywhere_orders_held_them_and_the_erasure_is_recorded_once()
    {
        var (name, region) = (GatewayRequests.Unique("Qinghai Salt Lake"), GatewayRequests.Unique("west"));
        var (contactName, phone, email, newPhone) = (GatewayRequests.Unique("Ma Lan"), "+86 971 555 0117", $"{GatewayRequests.Unique("ma.lan")}@salt.example", "13912345678");
        var id = (await orders.PostOkAsync("/api/orders/customers", new
        {
            name, region, contacts = new[] { new { name = contactName, phone, email, role = "mine manager" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var contactId = $"{id}-C1";
        using (var keyed = await orders.Api.SendWithKeyAsync(HttpMethod.Post, $"/api/orders/customers/{id}/contacts/{contactId}", new { name = contactName, phone = newPhone, email, role = "mine manager" }, Guid.NewGuid().ToString()))
        {
            keyed.StatusCode.Should().Be(HttpStatusCode.OK, "the answer kept for this key repeats the contact's details");
        }

        await orders.PostOkAsync($"/api/orders/customers/{id}/contacts", new { name = "Zhou Tao", phone = "13800000001" });
        var before = await orders.OrdersEventsAsync(id);
        var exported = await orders.GetOkAsync($"/api/orders/privacy/subjects/{contactId}");
        exported.GetProperty("events").EnumerateArray().Select(held => held.GetProperty("type").GetString())
            .Should().Equal(["customer_contact_added_v1", "customer_contact_changed_v1"], "the events that hold the contact, in the order they were stored");
        var document = exported.GetProperty("documents").EnumerateArray().Should().ContainSingle().Subject;
        (document.GetProperty("id").GetString(), document.GetProperty("data").GetProperty("Contacts")[0].GetProperty("Phone").GetString()).Should().Be((id, newPhone));

        using (var rep = await orders.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], region)
            .PostAsJsonAsync($"/api/orders/customers/{id}/contacts/{contactId}/erasure", new { reason = "asked", reference = "PIPL-1" }))
        {
            rep.StatusCode.Should().Be(HttpStatusCode.Forbidden, "erasure is the administrators'");
        }

        await using var bus = await TestBus.StartAsync(await orders.ConnectionStringAsync("messaging"), listen => listen.To<CustomerContactErased>());
        var erasure = await orders.PostOkAsync($"/api/orders/customers/{id}/contacts/{contactId}/erasure", new { reason = "her written request", reference = "PIPL-2026-017" });
        var told = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<CustomerContactErased>().SingleOrDefault(erased => erased.ContactId == contactId)),
            erased => erased is not null, TimeSpan.FromSeconds(30), "orders to tell the other services");
        (told!.Names, told.Cleared, told.Reference).Should().BeEquivalentTo((new[] { contactName }, new[] { phone, email, newPhone }, "PIPL-2026-017"),
            "the services that follow orders erase every name, phone and address the registry recorded");

        var pseudonym = erasure.GetProperty("pseudonym").GetString()!;
        pseudonym.Should().MatchRegex("^erased:[0-9a-f]{8}$");
        (erasure.GetProperty("eventsMasked").GetInt32(), erasure.GetProperty("reference").GetString()).Should().Be((2, "PIPL-2026-017"));
        var database = new EventStoreQueries(await orders.ConnectionStringAsync("ordersdb"));
        foreach (var value in new[] { contactName, phone, email, newPhone })
        {
            (await database.TablesHoldingAsync(value)).Should().BeEmpty($"{value} was the erased contact's, and orders holds it nowhere now");
        }

        (await orders.OrdersEventsAsync(id)).Select(e => (e.Id, e.Type)).Should().Equal(before.Select(e => (e.Id, e.Type)), "every event stays, in its place");
        var customer = await orders.GetOkAsync($"/api/orders/customers/{id}");
        customer.GetProperty("version").GetInt64().Should().Be(before.Count);
        var contacts = customer.GetProperty("contacts").EnumerateArray().ToList();
        (contacts[0].GetProperty("name").GetString(), contacts[0].GetProperty("phone").ValueKind, contacts[0].GetProperty("role").GetString())
            .Should().Be((pseudonym, JsonValueKind.Null, "mine manager"));
        contacts[1].GetProperty("name").GetString().Should().Be("Zhou Tao", "only the erased contact changes");
        (await orders.GetOkAsync($"/api/orders/customers/{id}?version=2")).GetProperty("contacts")[0].GetProperty("name").GetString().Should().Be(pseudonym);

        using (var again = await orders.Api.PostAsJsonAsync($"/api/orders/customers/{id}/contacts/{contactId}/erasure", new { reason = "again", reference = "PIPL-2026-018" }))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "subject-already-erased");
        }

        var after = await orders.GetOkAsync($"/api/orders/privacy/subjects/{contactId}");
        (after.GetProperty("erasure").GetProperty("reason").GetString(), after.GetProperty("documents")[0].GetProperty("data").GetProperty("Contacts")[0].GetProperty("Name").GetString())
            .Should().Be(("her written request", pseudonym));
        using var checking = await orders.Api.PostAsync("/api/orders/projections/rebuild-check", content: null);
        var report = await checking.JsonAsync();
        report.GetProperty("equal").GetBoolean().Should().BeTrue(report.ToString());
    }

    [Fact]
    public async Task only_a_contact_the_customer_had_is_erased_and_a_request_says_why_and_which()
    {
        var id = (await orders.PostOkAsync("/api/orders/customers", new { name = GatewayRequests.Unique("Golmud Potash"), region = "west" }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        using (var unknown = await orders.Api.PostAsJsonAsync($"/api/orders/customers/{id}/contacts/{id}-C1/erasure", new { reason = "asked", reference = "R-1" }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-contact");
        }

        using (var nowhere = await orders.Api.PostAsJsonAsync("/api/orders/customers/CUS-0000000000/contacts/CUS-0000000000-C1/erasure", new { reason = "asked", reference = "R-1" }))
        {
            await nowhere.ShouldBeProblemAsync(HttpStatusCode.NotFound, "customer-not-found");
        }

        using var silent = await orders.Api.PostAsJsonAsync($"/api/orders/customers/{id}/contacts/{id}-C1/erasure", new { });
        var errors = (await silent.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
        errors.EnumerateObject().Select(error => error.Name).Should().BeEquivalentTo("reason", "reference");
    }
}
