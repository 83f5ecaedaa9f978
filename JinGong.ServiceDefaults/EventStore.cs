using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class EventStoreExtensions
{
    /// <summary>
    /// This service's Marten store on its own database (connection string <paramref name="connectionName"/>):
    /// the Npgsql data source with its health check and telemetry, who-and-why metadata on every event,
    /// the schema applied at start, and the async daemon in hot/cold mode so that several replicas can run
    /// with one of them leading.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string connectionName, Action<StoreOptions>? configure = null)
    {
        builder.AddNpgsqlDataSource(connectionName);

        return builder.Services.AddMarten(options =>
            {
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                configure?.Invoke(options);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
    }
}
