using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JinGong.Gateway;

/// <summary>
/// The gateway can serve a route only while the service behind it is ready, so its own health includes
/// each service's <c>/health</c>, reached the way requests are: by service discovery. A service that answers
/// Degraded (its broker unreachable, its projections lagging) is Degraded here too. A service that gives no answer is a
/// status with its reason, never an exception: while the system starts, every service is in that state for a while.
/// </summary>
public sealed class ServiceHealthCheck(IHttpClientFactory httpClients, string service) : IHealthCheck
{
    public const string HttpClientName = "service-health";

    /// <summary>How long a service's answer is waited for: within the check's own timeout, so that a slow answer is a status.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(4);

    // Whether this service has ever answered: until then, no answer means it is still starting.
    private volatile bool answered;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync($"http://{service}/health", timeout.Token);
            answered = true;
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"{service} answered {(int)response.StatusCode}");
            }

            // Degraded answers 200 like Healthy: only the report's status tells them apart.
            using var report = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return report.RootElement.TryGetProperty("status", out var status) && status.GetString() == nameof(HealthStatus.Degraded)
                ? HealthCheckResult.Degraded($"{service} is degraded: {Failing(report.RootElement)}")
                : HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A service that answered before and is only slow now still serves: Degraded, as the dashboard should show it.
            return !answered ? HealthCheckResult.Unhealthy($"{service} is starting (no answer yet)")
                : error is OperationCanceledException ? HealthCheckResult.Degraded($"{service} gave no answer within {AnswerTimeout.TotalSeconds:F0} s")
                : HealthCheckResult.Unhealthy($"{service} does not answer: {error.Message}");
        }
    }

    // "masstransit-bus Degraded, projections Degraded": which of the service's checks are not healthy.
    private static string Failing(JsonElement report) =>
        report.TryGetProperty("checks", out var checks)
            ? string.Join(", ", checks.EnumerateObject()
                .Where(check => check.Value.TryGetProperty("status", out var status) && status.GetString() != nameof(HealthStatus.Healthy))
                .Select(check => $"{check.Name} {check.Value.GetProperty("status").GetString()}"))
            : "no checks reported";
}

public static class ServiceHealthCheckExtensions
{
    public static IServiceCollection AddServiceHealthChecks(this IServiceCollection services)
    {
        // One attempt within the check's time: the default client's retries would only log each failed one while a
        // service starts, and the next probe asks again anyway.
        // (RemoveAllResilienceHandlers is marked for evaluation; the resilience package is pinned, and a change shows here.)
#pragma warning disable EXTEXP0001
        services.AddHttpClient(ServiceHealthCheck.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        var checks = services.AddHealthChecks();
        foreach (var service in ServiceRoutes.All)
        {
            // One check per service for the host's life: it remembers whether its service has answered yet.
            ServiceHealthCheck? check = null;
            checks.Add(new HealthCheckRegistration(
                service,
                provider => check ??= new ServiceHealthCheck(provider.GetRequiredService<IHttpClientFactory>(), service),
                failureStatus: HealthStatus.Unhealthy,
                tags: ["services"],
                timeout: TimeSpan.FromSeconds(5)));
        }

        return services;
    }
}
