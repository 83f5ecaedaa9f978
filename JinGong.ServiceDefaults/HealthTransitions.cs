using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace JinGong.ServiceDefaults;

/// <summary>
/// Logs a check's changes of status, not each probe: the health checks service logs every Unhealthy probe at Error
/// (every few seconds while the dashboard polls, from the moment the process starts), which turned a clean start red.
/// A check that has not been healthy yet is starting (Debug); once it has been, turning Degraded is a Warning, Unhealthy
/// an Error, and healthy again Information. Run by the health check publisher, every 30 s.
/// </summary>
public sealed partial class HealthTransitions(ILogger<HealthTransitions> logger) : IHealthCheckPublisher
{
    private readonly Dictionary<string, HealthStatus> lastStatus = [];
    private readonly HashSet<string> healthyOnce = [];

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (lastStatus)
        {
            foreach (var (name, entry) in report.Entries)
            {
                if (lastStatus.TryGetValue(name, out var last) && last == entry.Status)
                {
                    continue;
                }

                lastStatus[name] = entry.Status;
                var level = !healthyOnce.Contains(name) ? LogLevel.Debug
                    : entry.Status switch { HealthStatus.Healthy => LogLevel.Information, HealthStatus.Degraded => LogLevel.Warning, _ => LogLevel.Error };
                if (entry.Status == HealthStatus.Healthy)
                {
                    healthyOnce.Add(name);
                }

                LogTransition(logger, level, entry.Exception, name, entry.Status, entry.Description ?? entry.Exception?.Message ?? string.Empty);
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Message = "Health check {Check} is {Status}: {Description}")]
    private static partial void LogTransition(ILogger logger, LogLevel level, Exception? error, string check, HealthStatus status, string description);
}
