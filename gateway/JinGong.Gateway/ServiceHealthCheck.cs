using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JinGong.Gateway;

/// <summary>
/// The gateway can serve a route only while the service behind it is ready, so its own health includes
/// each service's <c>/health</c>, reached the way requests are: by service discovery.
/// </summary>
public sealed class ServiceHealthCheck(IHttpClientFactory httpClients, string service) : IHealthCheck
{
    public const string HttpClientName = "service-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var response = await httpClients.CreateClient(HttpClientName).GetAsync($"http://{service}/health", cancellationToken);
        return response.IsSuccessStatusCode
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{service} answered {(int)response.StatusCode}");
    }
}

public static class ServiceHealthCheckExtensions
{
    public static IServiceCollection AddServiceHealthChecks(this IServiceCollection services)
    {
        services.AddHttpClient(ServiceHealthCheck.HttpClientName);
        var checks = services.AddHealthChecks();
        foreach (var service in ServiceRoutes.Services)
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
