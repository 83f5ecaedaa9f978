using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class MessageBusExtensions
{
    /// <summary>The RabbitMQ connection string every service is given by the AppHost.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// This service on the bus: MassTransit over RabbitMQ (connection string <c>messaging</c>), with its
    /// consumers' queues named after them (so replicas of one service compete on one queue) and the bus's
    /// health check counted in <c>/health</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is missing: the AppHost passes it.");

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // A failing message is retried with growing pauses, then parked in its queue's _error queue;
            // the consumer goes on with the next one.
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseMessageRetry(retry =>
                retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200))));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
