using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JinGong.Gateway;

/// <summary>
/// The gateway can serve a route only while the service behind it is ready, so its own health includes
/// each service's <c>/health</c>, reached the way requests are: by service discovery. A service that answers
/// Degraded (its broker unreachable, its projections lagging) is Degraded here too.
/// </summary>
public sealed class ServiceHealthCheck(IHttpClientFactory httpClients, string service) : IHealthCheck
{
    public const string HttpClientName = "service-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var response = await httpClients.CreateClient(HttpClientName).GetAsync($"http://{service}/health", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return HealthCheckResult.Unhealthy($"{service} answered {(int)response.StatusCode}");
        }

        // Degraded answers 200 like Healthy: only the report's status tells them apart.
        using var report = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return report.RootElement.TryGetProperty("status", out var status) && status.GetString() == nameof(HealthStatus.Degraded)
            ? HealthCheckResult.Degraded($"{service} is degraded: {Failing(report.RootElement)}")
            : HealthCheckResult.Healthy();
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
        services.AddHttpClient(ServiceHealthCheck.HttpClientName);
        var checks = services.AddHealthChecks();
        foreach (var service in ServiceRoutes.All)
        {
            checks.Add(new HealthCheckRegistration(
                service,
                provider => new ServiceHealthCheck(provider.GetRequiredService<IHttpClientFactory>(), service),
                failureStatus: HealthStatus.Unhealthy,
                tags: ["services"],
                timeout: TimeSpan.FromSeconds(5)));
        }

        return services;
    }
}
