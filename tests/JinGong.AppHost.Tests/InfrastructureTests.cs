using JinGong.Testing;
using Npgsql;
using RabbitMQ.Client;

namespace JinGong.AppHost.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class InfrastructureTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task every_service_has_its_own_database_on_a_real_postgresql()
    {
        foreach (var database in InfrastructureFixture.Databases)
        {
            await using var connection = new NpgsqlConnection(infrastructure.ConnectionString(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database(), version()", connection);
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();

            reader.GetString(0).Should().Be(database);
            reader.GetString(1).Should().StartWith("PostgreSQL");
        }
    }

    [Fact]
    public async Task the_broker_carries_a_message_from_publisher_to_consumer()
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.ConnectionString("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(exclusive: true, autoDelete: true)).QueueName;

        await channel.BasicPublishAsync(exchange: "", routingKey: queue, body: "vehicle JG-0001"u8.ToArray());
        var received = await Eventually.ReturnsAsync(
            _ => channel.BasicGetAsync(queue, autoAck: true), message => message is not null, TimeSpan.FromSeconds(10), "the message in the queue");

        System.Text.Encoding.UTF8.GetString(received!.Body.Span).Should().Be("vehicle JG-0001");
    }

    [Fact]
    public void servers_keep_their_data_in_the_run_s_private_folder()
    {
        Directory.Exists(Path.Combine(infrastructure.DataDirectory, "postgres")).Should().BeTrue();
        File.Exists(Path.Combine(infrastructure.DataDirectory, "postgres", "PG_VERSION")).Should().BeTrue();
        Directory.Exists(Path.Combine(infrastructure.DataDirectory, "rabbitmq", "mnesia")).Should().BeTrue();
    }
}

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
