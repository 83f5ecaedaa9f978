using JinGong.EventSourcing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class MessageBusExtensions
{
    /// <summary>The RabbitMQ connection string every service is given by the AppHost.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>How often a failing message is tried again before it is parked in its queue's <c>_error</c> queue.</summary>
    public const int Retries = 5;

    /// <summary>
    /// This service on the bus: MassTransit over RabbitMQ (connection string <c>messaging</c>), with its
    /// consumers' queues named after the service and the consumer (so replicas of one service compete on one
    /// queue, and each service gets its own copy of an event) and the bus's
    /// health check counted in <c>/health</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is missing: the AppHost passes it.");

        var service = ServiceIdentity.Of(builder.Environment);
        builder.Services.TryAddSingleton(service);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(TelemetrySources.MassTransitSource))
            .WithTracing(tracing => tracing.AddSource(TelemetrySources.MassTransitSource));
        builder.Services.AddMassTransit(bus =>
        {
            // "dispatch-vehicle-registered": every service that listens to an event gets its own queue of
            // it; replicas of one service share that queue and compete for its messages.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name, includeNamespace: false));
            // A failing message is retried with growing pauses, then parked in its queue's _error queue;
            // the consumer goes on with the next one.
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseMessageRetry(retry =>
                retry.Exponential(Retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200))));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Adds a consumer whose messages with the same <paramref name="key"/> (e.g. the order they are about) are
    /// handled one after another in this replica, so they do not race each other for the same stream and roll
    /// back (a rollback costs a retry and leaves a hole the daemon waits at). Other keys still run in parallel.
    /// </summary>
    public static void AddStreamConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator bus, Func<TMessage, string> key)
        where TConsumer : class, IConsumer<TMessage>
        where TMessage : class =>
        bus.AddConsumer<TConsumer>((_, consumer) => consumer.Message<TMessage>(message => message.UsePartitioner(StreamPartitions, context => key(context.Message))));

    private const int StreamPartitions = 8;
}
