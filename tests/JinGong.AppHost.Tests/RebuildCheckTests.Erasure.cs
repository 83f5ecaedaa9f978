using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JinGong.Testing;
using Npgsql;

namespace JinGong.AppHost.Tests;

/// <summary>
/// The proof of erasure (issue 29, docs/privacy.md) over the same year of business: one sales rep who left and one
/// customer's contact erased through the gateway, and then every figure the same but for the rep's renamed row, every
/// event and every stream's version kept, every projection rebuilt equal, the flows' audit trail whole, and their id,
/// names, phone and e-mail in no table of any service or of identity — the rep's name also where orders, which keeps no
/// roster, had it in free text — nor in a message a service parked on the broker.
/// </summary>
public sealed partial class RebuildCheckTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromMinutes(2);

    /// <summary>Orders erases a contact and tells whoever follows its contracts; fleet follows none of them.</summary>
    private static readonly string[] ContactErasers = ["orders", "dispatch", "okr", "knowledge"];

    [Fact]
    public async Task a_rep_and_a_contact_erased_after_a_year_are_nowhere_and_every_figure_event_version_and_flow_stays()
    {
        var business = system.System;
        var order = (await business.GetOkAsync("/api/orders/orders?pageSize=1")).GetProperty("items")[0];
        var (orderId, rep, customerId) = (order.GetProperty("id").GetString()!, order.GetProperty("salesRep").GetString()!, order.GetProperty("customerId").GetString()!);
        var name = (await business.GetOkAsync($"/api/okr/people/{rep}")).GetProperty("name").GetString()!;
        var (contactName, phone, email) = (GatewayRequests.Unique("Ma Lan"), "+86 471 555 0199", $"{GatewayRequests.Unique("ma.lan")}@mine.example");
        var contacts = await business.PostOkAsync($"/api/orders/customers/{customerId}/contacts", new { name = contactName, phone, email, role = $"pit manager, looked after by {name}" });
        var contactId = contacts.GetProperty("contacts").EnumerateArray().Single(contact => contact.GetProperty("name").GetString() == contactName).GetProperty("contactId").GetString()!;

        // They leave first; the services that copy the roster have heard it before anything is measured.
        await business.PostOkAsync($"/api/okr/people/{rep}/leaving", new { occurredAt = DateTimeOffset.UtcNow });
        await Eventually.ReturnsAsync(
            async _ => (await business.GetOkAsync($"/api/knowledge/privacy/subjects/{rep}")).GetProperty("documents").EnumerateArray()
                .Any(document => document.GetProperty("type").GetString() == "member" && !document.GetProperty("data").GetProperty("Active").GetBoolean()),
            left => left, Propagation, $"the knowledge base to hear {rep} left");

        var figures = await FiguresAsync(business, DateTimeOffset.UtcNow);
        var streams = await StreamVersionsAsync(business);
        var correlation = (await business.GetOkAsync($"/api/orders/audit/streams/{orderId}"))[0].GetProperty("correlationId").GetString()!;
        var flow = (await business.GetOkAsync($"/api/audit/correlations/{Uri.EscapeDataString(correlation)}")).GetArrayLength();
        var export = await business.GetOkAsync($"/api/privacy/subjects/{rep}/export");
        foreach (var service in new[] { "orders", "okr", "identity" })
        {
            var part = export.GetProperty("services").GetProperty(service);
            (part.GetProperty("events").GetArrayLength() + part.GetProperty("documents").GetArrayLength()).Should().BePositive($"{service} holds {rep} before the erasure");
        }

        // A message the knowledge base failed on and parked, naming the rep: ops would move it back, their name with it.
        await using var broker = await TestBus.StartAsync(await business.ConnectionStringAsync("messaging"));
        const string Parking = "knowledge-opportunity-won_error";
        await broker.ParkAsync(Parking, JsonSerializer.Serialize(new { message = new { salesRep = rep, note = $"{name} won it" } }), new Dictionary<string, object?>());

        var person = await business.PostOkAsync("/api/privacy/erasures", new { kind = "person", subjectId = rep, reason = "their written request", reference = "PIPL-2026-101" }, HttpStatusCode.Accepted);
        var contact = await business.PostOkAsync("/api/privacy/erasures", new { kind = "customer-contact", subjectId = contactId, reason = "her e-mail", reference = "PIPL-2026-102" });
        var (pseudonym, contactPseudonym) = (person.GetProperty("pseudonym").GetString()!, contact.GetProperty("pseudonym").GetString()!);
        await Eventually.ReturnsAsync(
            async _ => (await business.GetOkAsync($"/api/privacy/subjects/{rep}/export")).GetProperty("services").EnumerateObject()
                // Identity keeps no record of erasures: it is done when it holds nothing of them.
                .Where(part => part.Name == "identity" ? part.Value.GetProperty("documents").GetArrayLength() > 0 : part.Value.GetProperty("erasure").ValueKind != JsonValueKind.Object)
                .Select(part => part.Name).ToList(),
            waiting => waiting.Count == 0, Propagation, $"every service to erase {rep}");
        await Eventually.ReturnsAsync(
            async _ => (await business.GetOkAsync($"/api/privacy/subjects/{contactId}/export")).GetProperty("services").EnumerateObject()
                .Where(part => ContactErasers.Contains(part.Name) && part.Value.GetProperty("erasure").ValueKind != JsonValueKind.Object)
                .Select(part => part.Name).ToList(),
            waiting => waiting.Count == 0, Propagation, $"every service that hears of contacts to erase {contactId}");

        var renamed = Renaming(rep, pseudonym, name);
        foreach (var (address, before) in figures)
        {
            var after = (await business.GetOkAsync(address)).GetRawText();
            Canonical(after).Should().Be(Canonical(renamed(before)), $"{address} is what it was, {rep}'s row under their pseudonym");
        }

        var expected = streams.ToDictionary(
            service => service.Key,
            service => service.Value.ToDictionary(stream => renamed(stream.Key), stream => stream.Value));
        foreach (var service in expected.Keys)
        {
            expected[service][$"erasure:{pseudonym}"] = 1;
        }

        foreach (var service in ContactErasers)
        {
            expected[service][$"erasure:{contactPseudonym}"] = 1;
        }

        (await StreamVersionsAsync(business)).Should().BeEquivalentTo(expected, "every stream keeps its events and version, the erased person's under their pseudonym; each erasure adds its record");
        (await business.GetOkAsync($"/api/audit/correlations/{Uri.EscapeDataString(correlation)}")).GetArrayLength().Should().Be(flow, "the flow's audit trail is whole");
        foreach (var service in Services)
        {
            var report = await RebuildCheckAsync(service);
            report.GetProperty("equal").GetBoolean().Should().BeTrue($"{service}'s projections rebuilt from the masked events equal the masked ones: {report}");
        }

        (await broker.TakeAllAsync(Parking)).Should().ContainSingle().Which.Body
            .Should().Be(JsonSerializer.Serialize(new { message = new { salesRep = pseudonym, note = $"{pseudonym} won it" } }), "the parked message is put back with their pseudonym");
        foreach (var database in Services.Select(service => $"{service}db").Append("identitydb"))
        {
            var queries = new EventStoreQueries(await business.ConnectionStringAsync(database));
            foreach (var value in new[] { rep, name, contactName, phone, email })
            {
                (await queries.TablesHoldingAsync(value)).Should().BeEmpty($"{value} was erased, and {database} holds it nowhere");
            }
        }
    }

    /// <summary>
    /// The figures analysts read, over the year played and the one before, by address: as known at <paramref name="knownAt"/>
    /// (which they say), so that reading them again later reads the same.
    /// </summary>
    private static async Task<Dictionary<string, string>> FiguresAsync(SystemFixture business, DateTimeOffset knownAt)
    {
        var year = knownAt.ToOffset(TimeSpan.FromHours(8)).Year;
        var known = $"knownAt={Uri.EscapeDataString(knownAt.ToString("O", CultureInfo.InvariantCulture))}";
        var addresses = new List<string> { $"/api/orders/figures/receivables?groupBy=salesRep&{known}", $"/api/orders/figures/receivables?groupBy=customer&{known}", $"/api/orders/figures/pipeline?{known}" };
        foreach (var period in new[] { year - 1, year }.Select(each => each.ToString(CultureInfo.InvariantCulture)))
        {
            addresses.AddRange(
            [
                $"/api/fleet/utilization?period={period}&groupBy=model&asOf={Uri.EscapeDataString(knownAt.ToString("O", CultureInfo.InvariantCulture))}&{known}",
                $"/api/orders/figures/collection-rate?period={period}&groupBy=salesRep&{known}",
                $"/api/orders/figures/conversion-rate?period={period}&groupBy=salesRep&{known}",
                $"/api/orders/figures/order-trends?from={period}-01&to={period}-12&{known}",
            ]);
            addresses.AddRange(Enumerable.Range(1, 4).SelectMany(quarter => new[] { $"/api/okr/board?period={period}-Q{quarter}", $"/api/okr/fill-rate?period={period}-Q{quarter}" }));
        }

        var figures = new Dictionary<string, string>();
        foreach (var address in addresses)
        {
            figures[address] = (await business.GetOkAsync(address)).GetRawText();
        }

        return figures;
    }

    private static async Task<Dictionary<string, Dictionary<string, long>>> StreamVersionsAsync(SystemFixture business)
    {
        var streams = new Dictionary<string, Dictionary<string, long>>();
        foreach (var service in Services)
        {
            await using var database = NpgsqlDataSource.Create(await business.ConnectionStringAsync($"{service}db"));
            await using var read = database.CreateCommand("SELECT id, version FROM mt_streams");
            await using var reader = await read.ExecuteReaderAsync();
            var versions = new Dictionary<string, long>();
            while (await reader.ReadAsync())
            {
                versions[reader.GetString(0)] = reader.GetInt64(1);
            }

            streams[service] = versions;
        }

        return streams;
    }

    // The rep's id and name as words of their own become the pseudonym ("wang.wei" is not in "wang.weijie").
    private static Func<string, string> Renaming(string id, string pseudonym, string name)
    {
        var word = new Regex($"(?<![A-Za-z0-9_@.-])(?:{Regex.Escape(name)}|{Regex.Escape(id)})(?![A-Za-z0-9_@-]|\\.[A-Za-z0-9])");
        return text => word.Replace(text, pseudonym);
    }

    // A figure as a set of rows: a renamed key may sort its row elsewhere.
    private static string Canonical(string json) => Canonical(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject json => new JsonObject(json.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, Canonical(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical).OrderBy(item => item?.ToJsonString(), StringComparer.Ordinal)]),
        _ => node?.DeepClone(),
    };
}
