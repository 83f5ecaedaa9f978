using System.Net;
using System.Text.Json;
using JinGong.Contracts.Okr;
using JinGong.Contracts.Orders;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Records;

/// <summary>Key results bound to a metric move by themselves as other services' events arrive on the bus (published here as orders would).</summary>
[Collection(OkrService.Collection)]
public sealed class BoundKeyResultTests(OkrService okr)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task units_sold_in_east_china_this_quarter_move_as_orders_arrive_once_per_event_and_not_for_another_region()
    {
        await using var bus = await TestBus.StartAsync(await okr.ConnectionStringAsync("messaging"));
        var eastChina = GatewayRequests.Unique("East China");
        var rep = GatewayRequests.Unique("li.wei");
        await okr.JoinAsync(eastChina, (rep, GatewayRequests.Unique("East Sales")));
        var objective = await okr.SetObjectiveAsync("Win East China", OkrApi.ThisQuarter.Name, rep);
        var keyResult = await DefineUnitsSoldAsync(objective, eastChina);

        // Another region's order is noted first: it must not count.
        var elsewhere = OrderPlacedIn(GatewayRequests.Unique("North China"), rep, 5);
        await bus.PublishAsync(elsewhere, Guid.NewGuid(), Guid.NewGuid());
        await Eventually.ReturnsAsync(_ => NotesAsync(elsewhere.OrderId), notes => notes == 1, Deadline, "the other region's order to be noted");
        var first = OrderPlacedIn(eastChina, rep, 3);
        var placedEvent = Guid.NewGuid();
        await bus.PublishAsync(first, Guid.NewGuid(), placedEvent);
        await ValueReachesAsync(keyResult, 3);

        // An order published twice under one message id (a redelivery), then another order.
        var redelivered = OrderPlacedIn(eastChina, rep, 4);
        var (messageId, sourceEventId) = (Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(redelivered, messageId, sourceEventId);
        await bus.PublishAsync(redelivered, messageId, sourceEventId);
        var another = OrderPlacedIn(eastChina, rep, 1);
        await bus.PublishAsync(another, Guid.NewGuid(), Guid.NewGuid());
        var moved = await ValueReachesAsync(keyResult, 8);

        (await NotesAsync(redelivered.OrderId)).Should().Be(1, "a redelivered message is noted once");
        moved.GetProperty("value").GetDecimal().Should().Be(8);
        moved.GetProperty("progress").GetDecimal().Should().Be(0.2m);
        var basis = moved.GetProperty("basis").EnumerateArray().ToList();
        basis.Select(source => source.GetProperty("source").GetString()).Should().BeEquivalentTo(
            $"order:{first.OrderId}", $"order:{redelivered.OrderId}", $"order:{another.OrderId}");
        basis.Single(source => source.GetProperty("source").GetString() == $"order:{redelivered.OrderId}")
            .GetProperty("eventIds").EnumerateArray().Select(id => id.GetGuid()).Should().Equal(sourceEventId);
        basis.Single(source => source.GetProperty("source").GetString() == $"order:{first.OrderId}")
            .GetProperty("eventIds").EnumerateArray().Select(id => id.GetGuid()).Should().Equal(placedEvent);

        // A key result bound afterwards counts what was noted before it; a cancelled order stops counting in both.
        var later = await DefineUnitsSoldAsync(objective, eastChina);
        await ValueReachesAsync(later, 8);
        await bus.PublishAsync(
            new OrderCancelled(first.OrderId, first.Customer, first.Region, first.SalesRep, first.Lines, first.Units, first.Amount, first.Currency, "customer went elsewhere", DateTimeOffset.UtcNow),
            Guid.NewGuid(), Guid.NewGuid());
        await ValueReachesAsync(keyResult, 5);
        await ValueReachesAsync(later, 5);
        var values = await okr.GetOkAsync($"/api/okr/key-results/{keyResult}/values");
        values.EnumerateArray().Select(point => point.GetProperty("value").GetDecimal()).Should().StartWith([0m, 3m]).And.EndWith(5m);
    }

    [Fact]
    public async Task the_conversion_rate_of_a_rep_moves_as_opportunities_are_won_and_lost()
    {
        await using var bus = await TestBus.StartAsync(await okr.ConnectionStringAsync("messaging"));
        var region = GatewayRequests.Unique("South China");
        var rep = GatewayRequests.Unique("zhao.min");
        await okr.JoinAsync(region, (rep, GatewayRequests.Unique("South Sales")));
        var objective = await okr.SetObjectiveAsync("Convert more", OkrApi.ThisQuarter.Name, rep);
        var keyResult = (await okr.PostOkAsync($"/api/okr/objectives/{objective}/key-results", new
        {
            title = "Win two of three", start = 0.3, target = 0.7, unit = "share", metric = "conversion-rate", filter = new { salesRep = rep },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        WantedModel[] models = [new("EX-35E", 1)];
        foreach (var outcome in new[] { "won", "won", "lost", "won" })
        {
            var opportunity = GatewayRequests.Unique("OPP-T");
            var closedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await (outcome == "won"
                ? bus.PublishAsync(new OpportunityWon(opportunity, "Zijin Mining", region, rep, models, 900_000m, "CNY", closedAt), Guid.NewGuid(), Guid.NewGuid())
                : bus.PublishAsync(new OpportunityLost(opportunity, "Zijin Mining", region, rep, models, 900_000m, "CNY", "price", closedAt), Guid.NewGuid(), Guid.NewGuid()));
        }

        var moved = await ValueReachesAsync(keyResult, 0.75m);
        moved.GetProperty("progress").GetDecimal().Should().Be(1m, "0.75 is beyond the target of 0.7");
    }

    [Fact]
    public async Task every_move_of_a_key_result_is_published_with_where_it_stands()
    {
        await using var bus = await TestBus.StartAsync(await okr.ConnectionStringAsync("messaging"), listen => listen.To<KeyResultProgressed>());
        var owner = GatewayRequests.Unique("gao");
        await okr.JoinAsync(GatewayRequests.Unique("Jiangsu"), (owner, GatewayRequests.Unique("Crane Sales")));
        var objective = await okr.SetObjectiveAsync("Visit every quarry", OkrApi.ThisQuarter.Name, owner);
        var keyResult = await okr.DefineManualAsync(objective, 8);

        await okr.CheckInAsync(keyResult, 6, 0.9m, "two to go");

        var published = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<KeyResultProgressed>().FirstOrDefault(moved => moved.KeyResultId == keyResult)), moved => moved is not null, Deadline, "the check-in to be published");
        published.Should().BeEquivalentTo(new { ObjectiveId = objective, Period = OkrApi.ThisQuarter.Name, Value = 6m, Progress = 0.75m, Score = 0.75m, Frozen = false });
    }

    private async Task<string> DefineUnitsSoldAsync(string objective, string region) =>
        (await okr.PostOkAsync($"/api/okr/objectives/{objective}/key-results", new
        {
            title = "Units sold in East China this quarter", start = 0, target = 40, unit = "units", metric = "units-sold", filter = new { region },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static OrderPlaced OrderPlacedIn(string region, string rep, int units) =>
        new(GatewayRequests.Unique("ORD-T-1"), null, "Anshan Iron", region, rep, "Qidashan mine", [new OrderedModel("WL-50E", units, 800_000m)], units, units * 800_000m, "CNY",
            DateTimeOffset.UtcNow.AddMinutes(-1));

    private async Task<int> NotesAsync(string orderId) =>
        (await new EventStoreQueries(await okr.ConnectionStringAsync("okrdb")).EventsAsync($"order:{orderId}")).Count;

    private Task<JsonElement> ValueReachesAsync(string keyResult, decimal value) =>
        Eventually.ReturnsAsync(
            _ => okr.GetOkAsync($"/api/okr/key-results/{keyResult}"), view => view.GetProperty("value").GetDecimal() == value, Deadline, $"{keyResult} to reach {value}");
}
