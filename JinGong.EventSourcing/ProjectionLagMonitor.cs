using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinGong.EventSourcing;

/// <summary>How far one projection or subscription of the async daemon is behind the store's high-water mark.</summary>
public sealed record ShardLag(string Shard, long EventsBehind, double SecondsBehind);

/// <summary>
/// Watches every projection and subscription of this service's async daemon: events behind the high-water mark (the
/// last event the daemon may safely read) and seconds behind (how long the oldest event it has not processed has
/// waited). Shown on the dashboard as gauges (<c>jingong.projection.lag.events</c>, <c>.seconds</c>, tagged by shard)
/// and in <c>/health</c>, which turns Degraded past <c>Projections:MaxLagEvents</c> (default 1,000) or
/// <c>Projections:MaxLagSeconds</c> (default 30).
/// </summary>
public sealed partial class ProjectionLagMonitor : BackgroundService, IHealthCheck
{
    public const string MeterName = "JinGong.Projections";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly IDocumentStore store;
    private readonly TimeProvider clock;
    private readonly ILogger<ProjectionLagMonitor> logger;
    private readonly long maxEvents;
    private readonly double maxSeconds;
    private ImmutableArray<ShardLag> latest = [];

    public ProjectionLagMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration, IMeterFactory meters, ILogger<ProjectionLagMonitor> logger)
    {
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        maxEvents = configuration.GetValue("Projections:MaxLagEvents", 1_000L);
        maxSeconds = configuration.GetValue("Projections:MaxLagSeconds", 30d);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("jingong.projection.lag.events", () => latest.Select(lag => new Measurement<long>(lag.EventsBehind, new KeyValuePair<string, object?>("shard", lag.Shard))), "{event}", "Events the projection is behind the high-water mark");
        meter.CreateObservableGauge("jingong.projection.lag.seconds", () => latest.Select(lag => new Measurement<double>(lag.SecondsBehind, new KeyValuePair<string, object?>("shard", lag.Shard))), "s", "How long the oldest event the projection has not processed has waited");
    }

    private async Task<IReadOnlyList<ShardLag>> MeasureAsync(CancellationToken cancellationToken)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var highWaterMark = progress.FirstOrDefault(shard => shard.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
        await using var session = store.QuerySession();
        var lags = new List<ShardLag>();
        foreach (var shard in progress.Where(shard => shard.ShardName != ShardState.HighWaterMark))
        {
            var behind = Math.Max(0, highWaterMark - shard.Sequence);
            var seconds = 0d;
            if (behind > 0)
            {
                var sequence = shard.Sequence;
                var oldest = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
                seconds = oldest is null ? 0 : Math.Max(0, (clock.GetUtcNow() - oldest.Timestamp).TotalSeconds);
            }

            lags.Add(new ShardLag(shard.ShardName, behind, Math.Round(seconds, 1)));
        }

        return lags;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Assess(latest, maxEvents, maxSeconds));

    /// <summary>Healthy while every shard is within both thresholds; Degraded (still serving, but stale reads) otherwise.</summary>
    public static HealthCheckResult Assess(IReadOnlyList<ShardLag> lags, long maxEvents, double maxSeconds)
    {
        var data = lags.ToDictionary(lag => lag.Shard, lag => (object)new { lag.EventsBehind, lag.SecondsBehind });
        var behind = lags.Where(lag => lag.EventsBehind > maxEvents || lag.SecondsBehind > maxSeconds).Select(lag => lag.Shard).ToList();
        return behind.Count == 0
            ? HealthCheckResult.Healthy("Every projection is within its lag threshold.", data)
            : HealthCheckResult.Degraded($"Behind by more than {maxEvents} events or {maxSeconds} s: {string.Join(", ", behind)}.", data: data);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                latest = [.. await MeasureAsync(stoppingToken)];
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is the database health check's to report; the next tick measures again.
                LogMeasureFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Measuring projection lag failed")]
    private static partial void LogMeasureFailed(ILogger logger, Exception error);
}
