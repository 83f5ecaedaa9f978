using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace JinGong.Gateway;

/// <summary>
/// Every service is reached under <c>/api/{service}/**</c>, forwarded unchanged to the destination that
/// service discovery resolves for <c>http://{service}</c> (all its replicas). An operator's rebuild check answers only
/// when every projection is rebuilt and compared, which over millions of events takes longer than the proxy's usual
/// 100 s of silence: it has a route of its own to a cluster that waits up to <see cref="OperationTimeout"/>.
/// </summary>
public static class ServiceRoutes
{
    public static readonly IReadOnlyList<string> Services = ["fleet", "orders", "dispatch", "okr"];

    public static readonly TimeSpan OperationTimeout = TimeSpan.FromHours(1);

    public static IReadOnlyList<RouteConfig> Routes() =>
        [.. Services.SelectMany(service => new[]
        {
            new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            },
            new RouteConfig
            {
                RouteId = $"{service}-rebuild-check",
                ClusterId = $"{service}-operations",
                Match = new RouteMatch { Path = $"/api/{service}/projections/rebuild-check", Methods = ["POST"] },
            },
        })];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
        [.. Services.SelectMany(service => new[]
        {
            Cluster(service, service, activityTimeout: null),
            Cluster($"{service}-operations", service, OperationTimeout),
        })];

    private static ClusterConfig Cluster(string id, string service, TimeSpan? activityTimeout) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
        HttpRequest = activityTimeout is null ? null : new ForwarderRequestConfig { ActivityTimeout = activityTimeout },
    };
}
