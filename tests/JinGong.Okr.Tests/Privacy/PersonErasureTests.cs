using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Orders;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Privacy;

/// <summary>
/// A person who left, erased on their request: OKR sends the erasure to every service, itself included, and then holds
/// their id and names nowhere — their stream, their reports' manager, the objectives they own are their pseudonym's.
/// </summary>
[Collection(OkrService.Collection)]
public sealed class PersonErasureTests(OkrService okr)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_person_who_left_is_erased_on_request_into_their_pseudonym_everywhere_okr_held_them()
    {
        var (team, region) = (GatewayRequests.Unique("Mining Sales"), GatewayRequests.Unique("north"));
        var (person, report) = (GatewayRequests.Unique("gao.yan"), GatewayRequests.Unique("he.ping"));
        var (name, correctedName) = (GatewayRequests.Unique("Gao Yan"), GatewayRequests.Unique("Gao Yanling"));
        await okr.PostOkAsync("/api/okr/people/import", new
        {
            people = new[] { new { id = person, name, team, region, manager = (string?)null }, new { id = report, name = "He Ping", team, region, manager = (string?)person } },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-300),
        });
        await okr.PostOkAsync("/api/okr/people/import", new
        {
            people = new[] { new { id = person, name = correctedName, team, region, manager = (string?)null } },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-200),
        });
        var objective = await okr.SetObjectiveAsync($"{correctedName} opens the northern pits", OkrApi.ThisQuarter.Name, person);
        var erasure = $"/api/okr/people/{person}/erasure";

        (await okr.Api.PostAsJsonAsync(erasure, new { reason = "asked", reference = "PIPL-9" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "they are still on the roster");
        await okr.PostOkAsync($"/api/okr/people/{person}/leaving", new { occurredAt = DateTimeOffset.UtcNow.AddDays(-10) });
        (await okr.Api.PostAsJsonAsync(erasure, new { reason = "asked" })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the request's reference is required");
        using (var manager = okr.SignedInAs(report, [Roles.RegionalManager], region))
        {
            (await manager.PostAsJsonAsync(erasure, new { reason = "asked", reference = "PIPL-9" })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "erasure is the administrators'");
        }

        var exported = await okr.GetOkAsync($"/api/okr/privacy/subjects/{person}");
        exported.GetProperty("events").GetArrayLength().Should().BeGreaterThanOrEqualTo(4, "their joining, the correction, their report's manager, their objective, their leaving");
        var eventsBefore = await okr.EventCountAsync();

        var requested = await okr.PostOkAsync(erasure, new { reason = "their written request", reference = "PIPL-2026-044" }, HttpStatusCode.Accepted);
        var pseudonym = requested.GetProperty("pseudonym").GetString()!;
        var recorded = await Eventually.ReturnsAsync(
            async _ => (await okr.GetOkAsync($"/api/okr/privacy/subjects/{person}")).GetProperty("erasure"),
            found => found.ValueKind == JsonValueKind.Object, Arrival, $"OKR to erase {person}");

        (recorded.GetProperty("reference").GetString(), recorded.GetProperty("kind").GetString()).Should().Be(("PIPL-2026-044", "person"));
        var database = new EventStoreQueries(await okr.ConnectionStringAsync("okrdb"));
        foreach (var value in new[] { person, name, correctedName })
        {
            (await database.TablesHoldingAsync(value)).Should().BeEmpty($"{value} was the erased person's, and OKR holds it nowhere now");
        }

        (await okr.EventCountAsync()).Should().Be(eventsBefore + 1, "every event stays; the erasure's record is the one more");
        var erased = await okr.GetOkAsync($"/api/okr/people/{Uri.EscapeDataString(pseudonym)}");
        (erased.GetProperty("name").GetString(), erased.GetProperty("onRoster").GetBoolean()).Should().Be((pseudonym, false));
        (await okr.GetOkAsync($"/api/okr/people/{report}")).GetProperty("manager").GetString().Should().Be(pseudonym);
        var owned = await okr.GetOkAsync($"/api/okr/objectives/{objective}");
        (owned.GetProperty("ownerId").GetString(), owned.GetProperty("title").GetString()).Should().Be((pseudonym, $"{pseudonym} opens the northern pits"));
        (await okr.Api.GetAsync($"/api/okr/people/{person}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "their stream is their pseudonym's now");

        using var checking = await okr.Api.PostAsync("/api/okr/projections/rebuild-check", content: null);
        var rebuilt = await checking.JsonAsync();
        rebuilt.GetProperty("equal").GetBoolean().Should().BeTrue(rebuilt.ToString());

        // Asked again, it is sent again, and OKR, which erased them already, changes nothing.
        await okr.PostOkAsync(erasure, new { reason = "sent twice", reference = "PIPL-2026-044" }, HttpStatusCode.Accepted);
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await okr.EventCountAsync()).Should().Be(eventsBefore + 1);
    }

    [Fact]
    public async Task a_customers_contact_erased_in_orders_is_their_pseudonym_where_okr_had_them_in_free_text()
    {
        var (team, region, owner) = (GatewayRequests.Unique("Mining Sales"), GatewayRequests.Unique("west"), GatewayRequests.Unique("luo.bin"));
        var (contactId, contact, phone) = ($"{GatewayRequests.Unique("CUS-7A1B2C3D4E")}-C1", GatewayRequests.Unique("Ma Lan"), "+86 971 555 0123");
        await okr.JoinAsync(region, (owner, team));
        var objective = await okr.SetObjectiveAsync("Open the salt lake pits", OkrApi.ThisQuarter.Name, owner);
        var keyResult = await okr.DefineManualAsync(objective, 10);
        await okr.CheckInAsync(keyResult, 3, note: $"{contact} ({phone}) wants a trial first");
        await using var bus = await TestBus.StartAsync(await okr.ConnectionStringAsync("messaging"));

        await bus.PublishAsync(new CustomerContactErased(contactId, [contact], [phone], "her written request", "PIPL-2026-060", "admin", DateTimeOffset.UtcNow), Guid.NewGuid());

        var pseudonym = (await Eventually.ReturnsAsync(
            async _ => (await okr.GetOkAsync($"/api/okr/privacy/subjects/{contactId}")).GetProperty("erasure"),
            found => found.ValueKind == JsonValueKind.Object, Arrival, $"OKR to erase {contactId}")).GetProperty("pseudonym").GetString();
        (await okr.GetOkAsync($"/api/okr/key-results/{keyResult}")).GetProperty("lastNote").GetString().Should().Be($"{pseudonym} ({pseudonym}) wants a trial first");
        var database = new EventStoreQueries(await okr.ConnectionStringAsync("okrdb"));
        foreach (var value in new[] { contact, phone })
        {
            (await database.TablesHoldingAsync(value)).Should().BeEmpty($"{value} was the erased contact's");
        }
    }
}
