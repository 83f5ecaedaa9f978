using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace JinGong.Gateway;

/// <summary>
/// Every service is reached under <c>/api/{service}/**</c>, forwarded unchanged to the destination that
/// service discovery resolves for <c>http://{service}</c> (all its replicas). An operator's rebuild check answers only
/// when every projection is rebuilt and compared, which over millions of events takes longer than the proxy's usual
/// 100 s of silence: it has a route of its own to a cluster that waits up to <see cref="OperationTimeout"/>.
/// Every API route is for signed-in holders of a JinGong role (<see cref="SignedIn"/>); the OpenAPI documents and the
/// identity provider's sign-in pages and OpenID Connect endpoints are open to all, as a client needs them to sign in.
/// </summary>
public static class ServiceRoutes
{
    /// <summary>The event-sourced services, each with its own store, audit API and rebuild check.</summary>
    public static readonly IReadOnlyList<string> Services = ["fleet", "orders", "dispatch", "okr", "knowledge"];

    public const string Identity = "identity";

    /// <summary>Every service the gateway forwards to and whose health is part of its own.</summary>
    public static readonly IReadOnlyList<string> All = [.. Services, Identity];

    public const string SignedIn = "signed-in";

    private static readonly string[] IdentityPublicPaths = ["/connect/{**rest}", "/.well-known/{**rest}", "/account/{**rest}"];

    public static readonly TimeSpan OperationTimeout = TimeSpan.FromHours(1);

    public static IReadOnlyList<RouteConfig> Routes() =>
        [
            .. All.SelectMany(service => new[]
            {
                new RouteConfig
                {
                    RouteId = service,
                    ClusterId = service,
                    AuthorizationPolicy = SignedIn,
                    Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
                },
                new RouteConfig
                {
                    RouteId = $"{service}-openapi",
                    ClusterId = service,
                    Match = new RouteMatch { Path = $"/api/{service}/openapi/{{**rest}}", Methods = ["GET"] },
                },
            }),
            .. Services.Select(service => new RouteConfig
            {
                RouteId = $"{service}-rebuild-check",
                ClusterId = $"{service}-operations",
                AuthorizationPolicy = SignedIn,
                Match = new RouteMatch { Path = $"/api/{service}/projections/rebuild-check", Methods = ["POST"] },
            }),
            .. IdentityPublicPaths.Select((path, index) => new RouteConfig
            {
                RouteId = $"{Identity}-public-{index}",
                ClusterId = Identity,
                Match = new RouteMatch { Path = path },
            }),
        ];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
        [
            .. All.Select(service => Cluster(service, service, activityTimeout: null)),
            .. Services.Select(service => Cluster($"{service}-operations", service, OperationTimeout)),
        ];

    private static ClusterConfig Cluster(string id, string service, TimeSpan? activityTimeout) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
        HttpRequest = activityTimeout is null ? null : new ForwarderRequestConfig { ActivityTimeout = activityTimeout },
        HealthCheck = ReplicaHealth,
    };

    /// <summary>
    /// Which replicas of a service get requests: each is asked for its <c>/health</c> every few seconds and left out after
    /// two failed answers in a row (active), and left out at once when requests to it keep failing to reach it (passive),
    /// for ten seconds. When none is healthy all are tried (a broker outage makes every replica
    /// unhealthy, yet they still take writes).
    /// </summary>
    private static readonly HealthCheckConfig ReplicaHealth = new()
    {
        Active = new ActiveHealthCheckConfig
        {
            Enabled = true,
            Interval = TimeSpan.FromSeconds(3),
            Timeout = TimeSpan.FromSeconds(4),
            Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
            Path = "/health",
        },
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true,
            Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
            ReactivationPeriod = TimeSpan.FromSeconds(10),
        },
        AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
    };
}
