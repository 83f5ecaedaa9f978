using System.Net;
using System.Text.Json;
using Microsoft.Extensions.ServiceDiscovery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JinGong.Gateway;

/// <summary>
/// The gateway can serve a route only while the service behind it is ready, so its own health includes
/// each replica's <c>/health</c>, found the way requests find them: by service discovery. A service is Healthy when every
/// replica is, Degraded when one answers Degraded (its broker unreachable, its projections lagging) or when some of its
/// replicas are down but others serve, and Unhealthy when none serves. A replica that gives no answer is a status with
/// its reason, never an exception: while the system starts, every service is in that state for a while.
/// </summary>
public sealed class ServiceHealthCheck(IHttpClientFactory httpClients, ServiceEndpointResolver replicas, string service) : IHealthCheck
{
    public const string HttpClientName = "service-health";

    /// <summary>How long a replica's answer is waited for: within the check's own timeout, so that a slow answer is a status.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(4);

    // Whether this service has ever answered: until then, no answer means it is still starting.
    private volatile bool answered;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var addresses = (await replicas.GetEndpointsAsync($"http://{service}", cancellationToken)).Endpoints.Select(AddressOf).ToList();
        var answers = await Task.WhenAll(addresses.Select(address => CheckReplicaAsync(address, cancellationToken)));
        if (answers.Length == 1)
        {
            return answers[0];
        }

        var serving = answers.Count(answer => answer.Status != HealthStatus.Unhealthy);
        var reasons = string.Join("; ", answers.Where(answer => answer.Status != HealthStatus.Healthy).Select(answer => answer.Description));
        return serving == answers.Length && reasons.Length == 0 ? HealthCheckResult.Healthy($"{answers.Length} replicas serve")
            : serving == 0 ? HealthCheckResult.Unhealthy($"none of {answers.Length} replicas serves: {reasons}")
            : HealthCheckResult.Degraded($"{serving} of {answers.Length} replicas serve: {reasons}");
    }

    private async Task<HealthCheckResult> CheckReplicaAsync(Uri replica, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(new Uri(replica, "/health"), timeout.Token);
            answered = true;
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"{service} at {replica.Authority} answered {(int)response.StatusCode}");
            }

            // Degraded answers 200 like Healthy: only the report's status tells them apart.
            using var report = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return report.RootElement.TryGetProperty("status", out var status) && status.GetString() == nameof(HealthStatus.Degraded)
                ? HealthCheckResult.Degraded($"{service} at {replica.Authority} is degraded: {Failing(report.RootElement)}")
                : HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A service that answered before and is only slow now still serves: Degraded, as the dashboard should show it.
            return !answered ? HealthCheckResult.Unhealthy($"{service} is starting (no answer yet)")
                : error is OperationCanceledException ? HealthCheckResult.Degraded($"{service} at {replica.Authority} gave no answer within {AnswerTimeout.TotalSeconds:F0} s")
                : HealthCheckResult.Unhealthy($"{service} at {replica.Authority} does not answer: {error.Message}");
        }
    }

    // Service discovery gives an address as a URI, or as a host or IP and port (then reached over plain HTTP, as the proxy does).
    private static Uri AddressOf(ServiceEndpoint endpoint) => endpoint.EndPoint switch
    {
        UriEndPoint uri => uri.Uri,
        DnsEndPoint dns => new UriBuilder(Uri.UriSchemeHttp, dns.Host, dns.Port).Uri,
        IPEndPoint ip => new UriBuilder(Uri.UriSchemeHttp, ip.Address.ToString(), ip.Port).Uri,
        var other => throw new InvalidOperationException($"Service discovery gave an address the gateway cannot reach: {other}"),
    };

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
                provider => check ??= new ServiceHealthCheck(provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<ServiceEndpointResolver>(), service),
                failureStatus: HealthStatus.Unhealthy,
                tags: ["services"],
                timeout: TimeSpan.FromSeconds(5)));
        }

        return services;
    }
}
