using MassTransit;

namespace JinGong.Okr.Tests.Records;

/// <summary>The test's own seat on the real bus: it publishes a message as another service would, under a message id of its choosing.</summary>
internal sealed class TestPublisher : IAsyncDisposable
{
    private readonly IBusControl bus;

    private TestPublisher(IBusControl bus) => this.bus = bus;

    public static async Task<TestPublisher> StartAsync(string connectionString)
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(connectionString)));
        await bus.StartAsync();
        return new TestPublisher(bus);
    }

    /// <summary>Publishes as another service would: a message id derived from its event, and that event named as the cause.</summary>
    public Task PublishAsync<T>(T message, Guid messageId, Guid sourceEventId)
        where T : class =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(ServiceDefaults.Messaging.MessageHeaders.CausationId, sourceEventId.ToString());
        });

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
