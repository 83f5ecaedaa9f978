using System.Collections.Concurrent;
using MassTransit;
using RabbitMQ.Client;

namespace JinGong.Testing;

/// <summary>
/// The test's own seat on the real bus: it publishes as another service would (under a message id of the test's choosing,
/// naming the event behind it as the cause) and records every message of the kinds it listens for, with its message id,
/// counting deliveries per message id, redeliveries included.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly string connectionString;
    private IBusControl bus = null!;

    private TestBus(string connectionString) => this.connectionString = connectionString;

    /// <summary>Every message heard, in the order it arrived.</summary>
    public ConcurrentQueue<(Guid MessageId, object Message)> Received { get; } = new();

    /// <summary>How many times each message id was delivered.</summary>
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

    /// <summary>The messages of one kind heard so far.</summary>
    public IReadOnlyList<T> ReceivedOf<T>() => [.. Received.Select(received => received.Message).OfType<T>()];

    /// <summary>Joins the bus at <paramref name="connectionString"/>, listening for the kinds <paramref name="listen"/> names (none: publish only).</summary>
    public static async Task<TestBus> StartAsync(string connectionString, Action<Listening>? listen = null)
    {
        var seat = new TestBus(connectionString);
        seat.bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(connectionString));
            if (listen is not null)
            {
                rabbit.ReceiveEndpoint($"tests-{Guid.NewGuid():N}", endpoint =>
                {
                    endpoint.Durable = false;
                    endpoint.AutoDelete = true;
                    listen(new Listening(endpoint, seat));
                });
            }
        });
        await seat.bus.StartAsync();
        return seat;
    }

    /// <summary>Publishes as another service would: under <paramref name="messageId"/>, caused by <paramref name="sourceEventId"/> if given.</summary>
    public Task PublishAsync<T>(T message, Guid messageId, Guid? sourceEventId = null)
        where T : class =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            if (sourceEventId is { } cause)
            {
                context.Headers.Set(JinGong.EventSourcing.Messaging.MessageHeaders.CausationId, cause.ToString());
            }
        });

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

    /// <summary>
    /// Parks a message in <paramref name="queue"/> as MassTransit does (through a fanout exchange of the queue's name), e.g.
    /// one a consumer failed on, with a fault's headers.
    /// </summary>
    public async Task ParkAsync(string queue, string body, IDictionary<string, object?> headers)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, queue, string.Empty);
        await channel.BasicPublishAsync(queue, string.Empty, mandatory: false, new BasicProperties { Headers = headers, Persistent = true }, System.Text.Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Takes every message out of <paramref name="queue"/>, its body and its text headers, and removes the queue and its exchange.</summary>
    public async Task<IReadOnlyList<(string Body, IReadOnlyDictionary<string, string> Headers)>> TakeAllAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var taken = new List<(string, IReadOnlyDictionary<string, string>)>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            taken.Add((System.Text.Encoding.UTF8.GetString(message.Body.Span), (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .Where(header => header.Value is byte[]).ToDictionary(header => header.Key, header => System.Text.Encoding.UTF8.GetString((byte[])header.Value!))));
        }

        await channel.QueueDeleteAsync(queue);
        await channel.ExchangeDeleteAsync(queue);
        return taken;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    private Task Record<T>(ConsumeContext<T> context)
        where T : class
    {
        Deliveries.AddOrUpdate(context.MessageId!.Value, 1, (_, count) => count + 1);
        Received.Enqueue((context.MessageId.Value, context.Message));
        return Task.CompletedTask;
    }

    /// <summary>The kinds of message the seat listens for.</summary>
    public sealed class Listening(IReceiveEndpointConfigurator endpoint, TestBus seat)
    {
        public Listening To<T>()
            where T : class
        {
            endpoint.Handler<T>(seat.Record);
            return this;
        }
    }
}
