using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JasperFx.OpenTelemetry;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.EventSourcing.Idempotency;
using JinGong.EventSourcing.Messaging;
using JinGong.Http.Idempotency;
using JinGong.EventSourcing.Privacy;
using JinGong.EventSourcing.Rebuilding;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class EventStoreExtensions
{
    /// <summary>
    /// This service's Marten store on its own database (connection string <paramref name="connectionName"/>):
    /// the Npgsql data source with its health check and telemetry, the daemon's lag and the business figures on the dashboard, the lag in /health, who-and-why metadata on every event,
    /// the schema applied at start, idempotent answers kept beside the events, and the async daemon in hot/cold mode so
    /// that several replicas can run, each shard in one of them (<see cref="ShardOwnership"/>).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string connectionName, Action<StoreOptions>? configure = null)
    {
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: KeepStatementsPrepared);
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(ServiceIdentity.Of(builder.Environment));
        builder.Services.AddSingleton<ProjectionLagMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProjectionLagMonitor>());
        builder.Services.AddHealthChecks().AddCheck<ProjectionLagMonitor>("projections").AddCheck<ShardOwnership>("shards");
        builder.Services.AddSingleton(new EventStoreConfiguration(Configure));
        builder.Services.AddSingleton<ShadowRebuild>();
        builder.Services.AddSingleton<AppendWakeup>();
        builder.Services.AddSingleton<IConfigureMarten, AppendWakeupConfiguration>();
        builder.Services.AddHostedService<ProcessedMessages>();
        builder.Services.AddSingleton<IIdempotentAnswers, MartenIdempotentAnswers>();
        builder.Services.AddStoreLog();
        builder.Services.AddSingleton<Pseudonyms>();
        builder.Services.AddHostedService<ForgettingAnswers>();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(TelemetrySources.MartenSource, ProjectionLagMonitor.MeterName, BusinessMetrics.MeterName))
            .WithTracing(tracing => tracing.AddSource(TelemetrySources.MartenSource, TelemetrySources.PublishingSource));

        return builder.Services.AddMarten(Configure)
            .UseNpgsqlDataSource()
            .BuildSessionsWith<RequestMetadataSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);

        void Configure(StoreOptions options)
        {
            options.ConfigureEventStore();
            ProcessedMessages.Configure(options);
            MartenIdempotentAnswers.Configure(options);
            options.ConfigureErasures();
            // Every append wakes the daemon at its commit (AppendWakeup), not at its next poll: prompt publication.
            options.Listeners.Add(new NotifyingAppends());
            configure?.Invoke(options);
            options.RebuildInBulk();
        }
    }

    /// <summary>Marten's store logs through <see cref="StoreLog"/> (it asks the container for <c>ILogger&lt;IDocumentStore&gt;</c>).</summary>
    public static IServiceCollection AddStoreLog(this IServiceCollection services) =>
        services.AddSingleton<Microsoft.Extensions.Logging.ILogger<IDocumentStore>, StoreLog>();

    /// <summary>
    /// A connection goes back to the pool as it is, without <c>DISCARD ALL</c> at its next checkout (two to five per
    /// registration, each a round trip that also threw away every prepared statement and PL/pgSQL plan), and a statement
    /// run twice on a connection is prepared, so Marten's append function and upserts are planned once per connection.
    /// Nothing of ours leaves session state on a pooled connection: advisory locks are released by their holders.
    /// </summary>
    private static void KeepStatementsPrepared(NpgsqlDataSourceBuilder dataSource)
    {
        dataSource.ConnectionStringBuilder.NoResetOnClose = true;
        dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
        dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
    }

    /// <summary>
    /// A rebuild keeps each aggregate's latest document in memory and writes it once per 2,000 aggregates, instead of
    /// once per page of events it appears in: a vehicle's timeline (a few KB of spells and readings) was otherwise
    /// rewritten for every page and rebuilt at 0.7× the rate of a trivial projection. Live projection is unchanged.
    /// Call it after every projection is registered.
    /// </summary>
    public static void RebuildInBulk(this StoreOptions options)
    {
        foreach (var projection in options.Projections.All.OfType<ProjectionBase>().Where(projection => projection.Options.RebuildFlushThreshold == 0))
        {
            projection.Options.RebuildFlushThreshold = 2_000;
        }
    }

    /// <summary>What every JinGong store shares, whatever its events: also used by the rebuild check's shadow and the benchmark.</summary>
    public static void ConfigureEventStore(this StoreOptions options)
    {
        // Streams are keyed by the domain's own ids: vehicle codes, ORD-…, OPP-….
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        // A command or consumer that loses a concurrency race rolls back, leaving a hole in the event
        // sequence; the daemon waits this long before looking past it (3 s by default, which was most of
        // an order's allocation time). Marten still holds while a live transaction could fill the hole.
        options.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(300);
        // Another replica takes a shard over this soon after its holder is gone (Marten's advisory locks are monitored, its
        // default, so a holder that lost its connection to a restarted database stops rather than running beside another).
        options.Projections.LeadershipPollingTime = (int)ShardOwnership.LeadershipPolling.TotalMilliseconds;
        // Replicas started together apply the schema one at a time (Marten's apply-changes advisory lock); the others wait
        // for it. A fresh database's whole schema takes longer than Marten's default 10 s on a busy 2-core machine.
        options.ApplyChangesLockTimeout = TimeSpan.FromMinutes(2);
        options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
        options.OpenTelemetry.TrackEventCounters();
    }

    /// <summary>
    /// Publishes this service's events to the bus as the integration events <typeparamref name="TIntegrationEvents"/>
    /// translates them to, at least once, through a subscription of the async daemon.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishIntegrationEvents<TIntegrationEvents>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TIntegrationEvents : class, IIntegrationEvents
    {
        marten.Services.AddSingleton<IIntegrationEvents, TIntegrationEvents>();
        // One page in flight at a time: the daemon otherwise loads a page at each move of the high-water mark (a few
        // events at a time under load) and queues them, each paying a publish round trip and a progress commit, so at
        // 200/s events waited ~150 ms in that queue. Held to one, the next page takes everything appended meanwhile.
        return marten.AddSubscriptionWithServices<IntegrationEventPublisher>(ServiceLifetime.Singleton,
            subscription => subscription.Options.MaximumHopperSize = 1);
    }
}
