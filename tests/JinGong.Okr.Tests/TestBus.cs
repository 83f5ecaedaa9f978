using System.Collections.Concurrent;
using JinGong.Contracts.Okr;
using MassTransit;

namespace JinGong.Okr.Tests;

/// <summary>
/// The test's own seat on the real bus: it publishes a message as another service would, under a message id of its
/// choosing, and sees every key result OKR says has moved.
/// </summary>
internal sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl bus;

    private TestBus(IBusControl bus, ConcurrentQueue<KeyResultProgressed> moved)
    {
        this.bus = bus;
        Moved = moved;
    }

    public ConcurrentQueue<KeyResultProgressed> Moved { get; }

    public static async Task<TestBus> StartAsync(string connectionString)
    {
        var moved = new ConcurrentQueue<KeyResultProgressed>();
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(connectionString));
            rabbit.ReceiveEndpoint($"okr-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Durable = false;
                endpoint.AutoDelete = true;
                endpoint.Handler<KeyResultProgressed>(context =>
                {
                    moved.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        return new TestBus(bus, moved);
    }

    /// <summary>Publishes as another service would: a message id derived from its event, and that event named as the cause.</summary>
    public Task PublishAsync<T>(T message, Guid messageId, Guid sourceEventId)
        where T : class =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(EventSourcing.Messaging.MessageHeaders.CausationId, sourceEventId.ToString());
        });

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
