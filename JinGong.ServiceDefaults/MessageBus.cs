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
