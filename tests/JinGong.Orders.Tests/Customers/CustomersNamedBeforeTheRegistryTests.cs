using System.Net;
using JinGong.Contracts.Orders;
using JinGong.Orders.Customers.Adopting;
using JinGong.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JinGong.Orders.Tests.Customers;

/// <summary>
/// Opportunities and orders the releases before the registry stored, with their customer's name alone
/// (<c>opportunity_filed_v1</c>, <c>order_placed_v1</c>, documents without <c>CustomerId</c>), read by this one. Their
/// rows are today's rows of a fresh opportunity and order made as those releases wrote them: the same JSON without the
/// customer's id, under the old event names.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class CustomersNamedBeforeTheRegistryTests(OrdersService orders)
{
    [Fact]
    public async Task earlier_opportunities_and_orders_read_with_the_id_their_name_gives_and_their_customer_is_registered_once_from_history()
    {
        var region = GatewayRequests.Unique("north");
        var (today, earlier) = (GatewayRequests.Unique("Template Mining"), GatewayRequests.Unique("Earlier Mining"));
        var opportunity = await orders.FileOpportunityAsync(region, customer: today);
        var order = await orders.PlaceOrderAsync(region, customer: today);
        var (earlierOpportunity, earlierOrder) = ($"{opportunity}-V1", $"{order}-V1");
        await StoreAsReleasedBeforeAsync(opportunity, earlierOpportunity, "opportunity", "opportunity_filed", today, earlier);
        await StoreAsReleasedBeforeAsync(order, earlierOrder, "order", "order_placed", today, earlier);
        var customer = CustomerIds.ForName(earlier);
        (await orders.Api.GetAsync($"/api/orders/customers/{customer}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // What the next start of orders does, before it answers.
        var upgrade = orders.Services.GetServices<IHostedService>().OfType<CustomersFromHistory>().Single();
        await upgrade.StartAsync(CancellationToken.None);
        await upgrade.StartAsync(CancellationToken.None);

        // Replayed from their events as much as read from their documents, both name the customer the name gives.
        foreach (var read in new[]
        {
            $"/api/orders/opportunities/{earlierOpportunity}", $"/api/orders/opportunities/{earlierOpportunity}?version=1",
            $"/api/orders/orders/{earlierOrder}", $"/api/orders/orders/{earlierOrder}?version=1",
        })
        {
            var view = await orders.GetOkAsync(read);
            (view.GetProperty("customerId").GetString(), view.GetProperty("customer").GetString()).Should().Be((customer, earlier), read);
        }

        (await orders.GetOkAsync($"/api/orders/opportunities?customerId={customer}")).GetProperty("total").GetInt64().Should().Be(1);
        var registered = await orders.GetOkAsync($"/api/orders/customers/{customer}");
        (registered.GetProperty("name").GetString(), registered.GetProperty("region").GetString(), registered.GetProperty("version").GetInt64())
            .Should().Be((earlier, region, 1L), "registered once, though the upgrade ran twice");
        var history = (await orders.GetOkAsync($"/api/orders/customers/{customer}/history")).GetProperty("items");
        history[0].GetProperty("data").GetProperty("fromHistory").GetBoolean().Should().BeTrue();

        // History is not rewritten: the filing keeps its stored name and JSON.
        (await StoredFirstEventAsync(earlierOpportunity)).Should().Be(("opportunity_filed_v1", false));

        using var checking = await orders.Api.PostAsync("/api/orders/projections/rebuild-check", content: null);
        var report = await checking.JsonAsync();
        report.GetProperty("equal").GetBoolean().Should().BeTrue(report.ToString());
    }

    /// <summary>
    /// A copy of <paramref name="stream"/>'s rows as <paramref name="copy"/>, written as a release before the registry
    /// wrote them: its customer <paramref name="earlier"/> (not <paramref name="today"/>), named by name alone, and its
    /// first event under its version 1 name.
    /// </summary>
    private async Task StoreAsReleasedBeforeAsync(string stream, string copy, string document, string firstEvent, string today, string earlier)
    {
        await using var database = NpgsqlDataSource.Create(await orders.ConnectionStringAsync("ordersdb"));
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        const string Earlier = "replace(replace(data::text, $1, $2), $4, $3)::jsonb - 'CustomerId'";
        string[] statements =
        [
            "insert into mt_streams (id, type, version, timestamp, created) select $3, type, version, timestamp, created from mt_streams where id = $4",
            $"""
            insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type, correlation_id, causation_id, user_name)
                select nextval('mt_events_sequence'), gen_random_uuid(), $3, version, {Earlier}, replace(type, '{firstEvent}_v2', '{firstEvent}_v1'),
                       timestamp, mt_dotnet_type, correlation_id, causation_id, user_name
                from mt_events where stream_id = $4 order by version
            """,
            $"create temporary table earlier_document on commit drop as select * from mt_doc_{document} where id = $4",
            $"update earlier_document set id = $3, data = {Earlier}, customer_id = null" + (document == "order" ? ", customer = $2" : string.Empty),
            $"insert into mt_doc_{document} select * from earlier_document",
        ];
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, transaction, statement, today, earlier, copy, stream);
        }

        await transaction.CommitAsync();
    }

    private async Task<(string Type, bool HasCustomerId)> StoredFirstEventAsync(string streamId)
    {
        await using var database = NpgsqlDataSource.Create(await orders.ConnectionStringAsync("ordersdb"));
        await using var command = database.CreateCommand("select type, data ? 'CustomerId' from mt_events where stream_id = $1 and version = 1");
        command.Parameters.AddWithValue(streamId);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return (reader.GetString(0), reader.GetBoolean(1));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
