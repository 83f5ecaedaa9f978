using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class MessageBusExtensions
{
    /// <summary>The RabbitMQ connection string every service is given by the AppHost.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// The broker's nodes when it is a cluster (<c>host:port</c> each): the service connects to the first that answers and
    /// moves to another when that one goes, and every queue it consumes from is a quorum queue, replicated on every node,
    /// so a message outlives the node it was sent to (README "Running several replicas").
    /// </summary>
    public const string ClusterNodesSetting = "Messaging:Nodes";

    /// <summary>How often a failing message is tried again before it is parked in its queue's <c>_error</c> queue.</summary>
    public const int Retries = 5;

    /// <summary>
    /// How long a message that arrived before the one it builds on (<see cref="ArrivedEarlyException"/>) is tried again,
    /// every <see cref="ArrivedEarlyInterval"/>, before it is parked: the other queue's backlog after a broker outage
    /// takes seconds to a minute to work off (the few quick tries of any failure, about 6 s, were not enough on a busy
    /// machine); a message still early after this is not behind a backlog but a fault for ops.
    /// </summary>
    public static readonly TimeSpan ArrivedEarlyPatience = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan ArrivedEarlyInterval = TimeSpan.FromSeconds(2);

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
        // Which queues are this service's, for an erasure to find what it parked (docs/privacy.md).
        builder.Services.AddSingleton<ServiceQueues>();
        builder.Services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<ServiceQueues>());
        builder.Services.AddReceiveObserver<ParkedMessages>();
        builder.Services.AddSingleton<JinGong.EventSourcing.Privacy.ParkedMessageErasure>();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(TelemetrySources.MassTransitSource))
            .WithTracing(tracing => tracing.AddSource(TelemetrySources.MassTransitSource));
        builder.Services.AddMassTransit(bus =>
        {
            // "dispatch-vehicle-registered": every service that listens to an event gets its own queue of
            // it; replicas of one service share that queue and compete for its messages.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name, includeNamespace: false));
            // A failing message is retried with growing pauses, then parked in its queue's _error queue;
            // the consumer goes on with the next one. One that arrived early waits for the other queue, around the
            // quick tries (which let it through, and give up on it only when they themselves fail).
            bus.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Handle<ArrivedEarlyException>();
                    retry.Interval((int)(ArrivedEarlyPatience / ArrivedEarlyInterval), ArrivedEarlyInterval);
                });
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<ArrivedEarlyException>();
                    retry.Exponential(Retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                });
            });
            configure?.Invoke(bus);
            var cluster = builder.Configuration.GetSection(ClusterNodesSetting).Get<string[]>() ?? [];
            if (cluster.Length > 0)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) => (endpoint as IRabbitMqReceiveEndpointConfigurator)?.SetQuorumQueue());
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host =>
                {
                    if (cluster.Length > 0)
                    {
                        host.UseCluster(nodes => Array.ForEach(cluster, nodes.Node));
                    }
                });
                if (cluster.Length > 0)
                {
                    // A message parked in an _error or _skipped queue must survive a node as the queue it came from does.
                    rabbit.SendTopology.ConfigureErrorSettings = error => error.SetQuorumQueue();
                    rabbit.SendTopology.ConfigureDeadLetterSettings = skipped => skipped.SetQuorumQueue();
                }

                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Adds a consumer whose messages with the same <paramref name="key"/> (e.g. the order they are about) are
    /// handled one after another in this replica, so they do not race each other for the same stream and roll
    /// back (a rollback costs a retry and leaves a hole the daemon waits at). Other keys still run in parallel.
    /// This is for speed, not correctness: with several replicas, two messages of one key may be handled at once in two
    /// processes, and then the stream's expected version makes one of them lose, roll back and be retried, the
    /// idempotent consumer skips what was applied already, and message ids derived from the events keep a resend one
    /// message. Order was never promised anyway: a vehicle's registration and its status changes come by different queues,
    /// and the deciders settle what arrives late (dispatch's catalogue ignores a status change older than the one it noted).
    /// </summary>
    public static void AddStreamConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator bus, Func<TMessage, string> key)
        where TConsumer : class, IConsumer<TMessage>
        where TMessage : class =>
        bus.AddConsumer<TConsumer>((_, consumer) => consumer.Message<TMessage>(message => message.UsePartitioner(StreamPartitions, context => key(context.Message))));

    private const int StreamPartitions = 8;
}
