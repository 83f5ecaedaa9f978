using JasperFx;
using JinGong.EventSourcing;
using JinGong.Orders.Orders;
using JinGong.Simulation;
using JinGong.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Orders.Tests.Commands;

/// <summary>
/// A command that loses a race to another writer (here orders' own consumer, noting a vehicle) is decided again on the
/// state the winner left — never on its own refused attempt, which the session that lost still holds (the command path
/// decides again in <see cref="StreamCommands.AfterALostRace"/>).
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class LostRaceTests(OrdersService orders)
{
    [Fact]
    public async Task after_a_lost_race_the_session_reads_the_winner_s_state_not_its_own_refused_cancellation()
    {
        var id = await orders.PlaceOrderAsync(GatewayRequests.Unique("Gansu"), quantity: 2, occurredAt: DateTimeOffset.UtcNow.AddDays(-2));
        var store = orders.Services.GetRequiredService<IDocumentStore>();
        var http = TestTokens.AdministratorRequest();
        await using var session = store.LightweightSession();
        var cancelling = await session.AppendDecisionAsync<Order>(
            id, order => OrderDecider.Decide(new CancelOrder(id, "project postponed", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow), order), CancellationToken.None);
        cancelling.Events.Should().ContainSingle();

        // Between the cancellation's read and its write, the consumer notes a reserved vehicle and commits first.
        await using (var consumer = store.LightweightSession())
        {
            consumer.Events.Append(id, new OrderVehicleReserved(id, "JG-RACER", "MT-90E", DateTimeOffset.UtcNow));
            await consumer.SaveChangesAsync();
        }

        await session.Invoking(lost => lost.SaveChangesAsync()).Should().ThrowAsync<ConcurrencyException>();
        var lostIn = await session.Events.FetchForWriting<Order>(id);
        lostIn.Aggregate!.CancelledAt.Should().NotBeNull("the session that lost still holds its refused attempt: deciding again in it would be wrong");
        await using var retry = session.AfterALostRace(http);
        var again = await retry.AppendDecisionAsync<Order>(
            id, order => OrderDecider.Decide(new CancelOrder(id, "project postponed", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow), order), CancellationToken.None);

        again.Before!.CancelledAt.Should().BeNull("the refused cancellation never happened");
        again.Before.ReservedVehicles.Should().Equal("JG-RACER");
        again.Version.Should().Be(2);
        await retry.SaveChangesAsync();
        var events = await orders.OrdersEventsAsync(id);
        events.Select(e => e.Type).Should().Equal("order_placed_v2", "order_vehicle_reserved_v1", "order_cancelled_v1");
        events[^1].UserName.Should().Be(SignIn.Administrator, "the session deciding again records who acted, as the request's does");
    }
}
