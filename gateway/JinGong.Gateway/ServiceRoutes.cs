using Yarp.ReverseProxy.Configuration;

namespace JinGong.Gateway;

/// <summary>
/// Every service is reached under <c>/api/{service}/**</c>, forwarded unchanged to the destination that
/// service discovery resolves for <c>http://{service}</c> (all its replicas).
/// </summary>
public static class ServiceRoutes
{
    public static readonly IReadOnlyList<string> Services = ["fleet", "orders", "dispatch", "okr"];

    public static IReadOnlyList<RouteConfig> Routes() =>
        [.. Services.Select(service => new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
        })];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
        [.. Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        })];
}
