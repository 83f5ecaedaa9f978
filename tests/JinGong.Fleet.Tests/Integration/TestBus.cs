using System.Collections.Concurrent;
using JinGong.Contracts.Fleet;
using MassTransit;
using RabbitMQ.Client;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>
/// The test's own seat on the real bus: it sees every <see cref="VehicleRegistered"/> published (counting
/// deliveries per message id, redeliveries included) and can publish one as fleet would.
/// </summary>
internal sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly string connectionString;

    private TestBus(IBusControl bus, string connectionString, ConcurrentDictionary<Guid, int> deliveries, ConcurrentQueue<(Guid MessageId, object Message)> received)
    {
        this.bus = bus;
        this.connectionString = connectionString;
        Deliveries = deliveries;
        Received = received;
    }

    public ConcurrentDictionary<Guid, int> Deliveries { get; }

    /// <summary>Every fleet status change, delivery, retirement and refusal seen on the bus, with its message id.</summary>
    public ConcurrentQueue<(Guid MessageId, object Message)> Received { get; }

    public static async Task<TestBus> StartAsync(string connectionString)
    {
        var deliveries = new ConcurrentDictionary<Guid, int>();
        var received = new ConcurrentQueue<(Guid, object)>();
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(connectionString));
            rabbit.ReceiveEndpoint($"fleet-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Durable = false;
                endpoint.AutoDelete = true;
                endpoint.Handler<VehicleRegistered>(context =>
                {
                    deliveries.AddOrUpdate(context.MessageId!.Value, 1, (_, count) => count + 1);
                    return Task.CompletedTask;
                });
                endpoint.Handler<VehicleStatusChanged>(context => Receive(received, context));
                endpoint.Handler<VehicleDelivered>(context => Receive(received, context));
                endpoint.Handler<VehicleRetired>(context => Receive(received, context));
                endpoint.Handler<VehicleRequestRefused>(context => Receive(received, context));
            });
        });
        await bus.StartAsync();
        return new TestBus(bus, connectionString, deliveries, received);
    }

    private static Task Receive<T>(ConcurrentQueue<(Guid, object)> received, ConsumeContext<T> context)
        where T : class
    {
        received.Enqueue((context.MessageId!.Value, context.Message));
        return Task.CompletedTask;
    }

    /// <summary>Publishes a message as another service would, under a message id of the test's choosing.</summary>
    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        bus.Publish(message, context => context.MessageId = messageId);

    /// <summary>How many messages wait in a queue (e.g. an <c>_error</c> queue); 0 when it does not exist.</summary>
    public async Task<uint> ReadyMessagesAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
