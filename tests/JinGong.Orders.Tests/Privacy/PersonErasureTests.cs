using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Okr;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Privacy;

/// <summary>A sales rep OKR erased, in orders: their pseudonym wherever they were named or recorded, every figure the same.</summary>
[Collection(OrdersService.Collection)]
public sealed class PersonErasureTests(OrdersService orders)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task an_erased_rep_is_their_pseudonym_in_events_records_users_and_figures_which_keep_their_totals()
    {
        await using var bus = await TestBus.StartAsync(await orders.ConnectionStringAsync("messaging"));
        var (rep, region) = (GatewayRequests.Unique("erased.rep"), GatewayRequests.Unique("north"));
        using var signedIn = orders.SignedInAs(rep, [Roles.SalesRep], region);
        var opportunity = (await (await signedIn.PostAsJsonAsync("/api/orders/opportunities", new
        {
            customer = "Baotou Steel", region, salesRep = rep, lines = new[] { new { model = "MT-90E", quantity = 1 } },
            expectedAmount = 1_500_000m, expectedCloseDate = "2026-12-31", occurredAt = DateTimeOffset.UtcNow.AddDays(-20),
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var keyed = await signedIn.SendWithKeyAsync(HttpMethod.Post, $"/api/orders/opportunities/{opportunity}/won", new { }, Guid.NewGuid().ToString()))
        {
            keyed.StatusCode.Should().Be(HttpStatusCode.OK, "its answer is kept for the rep, naming them");
        }

        var order = await orders.PlaceOrderAsync(region, salesRep: rep, occurredAt: DateTimeOffset.UtcNow.AddDays(-10));
        await orders.PostOkAsync($"/api/orders/orders/{order}/invoices", new { amount = 1_000_000m, dueDate = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") });
        var figures = new[] { $"receivables?groupBy=salesRep&region={region}", $"conversion-rate?period={DateTime.UtcNow.Year}&groupBy=salesRep&region={region}" };
        var before = await Task.WhenAll(figures.Select(figure => orders.GetOkAsync($"/api/orders/figures/{figure}")));
        var eventsBefore = (await orders.OrdersEventsAsync()).Where(e => e.StreamId == opportunity || e.StreamId == order).Select(e => (e.Id, e.StreamId)).ToList();

        // A message orders failed on and parked, naming the rep in its body and its fault; and one naming someone else.
        var parking = "orders-person-erased_error";
        await bus.ParkAsync(parking, Parked(rep), new Dictionary<string, object?> { ["MT-Fault-Message"] = System.Text.Encoding.UTF8.GetBytes($"{rep} is not known") });
        await bus.ParkAsync(parking, Parked("someone.else"), new Dictionary<string, object?>());

        await bus.PublishAsync(new PersonErased(rep, [], "their written request", "PIPL-2026-031", "admin", DateTimeOffset.UtcNow), Guid.NewGuid());
        var erasure = await Eventually.ReturnsAsync(
            async _ => (await orders.GetOkAsync($"/api/orders/privacy/subjects/{rep}")).GetProperty("erasure"),
            found => found.ValueKind == JsonValueKind.Object, Arrival, $"orders to erase {rep}");
        var pseudonym = erasure.GetProperty("pseudonym").GetString()!;
        var again = Guid.NewGuid();
        await bus.PublishAsync(new PersonErased(rep, [], "sent twice", "PIPL-2026-031", "admin", DateTimeOffset.UtcNow), again);
        var database = new EventStoreQueries(await orders.ConnectionStringAsync("ordersdb"));
        await Eventually.ReturnsAsync(async _ => await database.ProcessedMessagesAsync([$"PersonErasedConsumer/{again:N}"]), processed => processed.Count == 1, Arrival,
            "orders to take the second request");

        (await database.TablesHoldingAsync(rep)).Should().BeEmpty($"orders holds {rep} nowhere now");
        var parked = await bus.TakeAllAsync(parking);
        parked.Select(message => message.Body).Should().BeEquivalentTo(
            [Parked(pseudonym), Parked("someone.else")],
            "the parked message naming them is put back with their pseudonym, the other left as it was");
        parked.Should().ContainSingle(message => message.Headers.ContainsKey("MT-Fault-Message")).Which.Headers["MT-Fault-Message"].Should().Be($"{pseudonym} is not known");
        (await orders.OrdersEventsAsync()).Where(e => e.StreamId == opportunity || e.StreamId == order).Select(e => (e.Id, e.StreamId))
            .Should().Equal(eventsBefore, "every event stays, in its place");
        (await orders.GetOkAsync($"/api/orders/opportunities/{opportunity}")).GetProperty("salesRep").GetString().Should().Be(pseudonym);
        (await orders.GetOkAsync($"/api/orders/orders?salesRep={Uri.EscapeDataString(pseudonym)}")).GetProperty("total").GetInt64().Should().Be(1);
        var after = await Task.WhenAll(figures.Select(figure => orders.GetOkAsync($"/api/orders/figures/{figure}")));
        for (var figure = 0; figure < figures.Length; figure++)
        {
            after[figure].GetRawText().Should().Be(before[figure].GetRawText().Replace(rep, pseudonym, StringComparison.Ordinal), figures[figure]);
        }

        using var checking = await orders.Api.PostAsync("/api/orders/projections/rebuild-check", content: null);
        var report = await checking.JsonAsync();
        report.GetProperty("equal").GetBoolean().Should().BeTrue(report.ToString());
        var erasures = (await orders.OrdersEventsAsync()).Where(e => e.Type == "subject_erased_v1" && e.StreamId == $"erasure:{pseudonym}");
        erasures.Should().ContainSingle("a second delivery of the erasure changes nothing");
    }

    private static string Parked(string rep) => JsonSerializer.Serialize(new { message = new { salesRep = rep, note = $"call {rep} first" } });
}
