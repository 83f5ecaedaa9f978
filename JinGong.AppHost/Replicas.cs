using Microsoft.Extensions.Configuration;

namespace JinGong.AppHost;

/// <summary>
/// The replicas of one service, each its own project resource: <c>fleet</c>, <c>fleet-2</c>, <c>fleet-3</c>... Not
/// Aspire's <c>WithReplicas</c>, which puts one proxy in front of them all that balances connections, not requests: the
/// gateway's pooled connections would then stay on one replica. Here the gateway is given every replica's address and
/// balances each request itself, across the replicas its health checks find well.
/// </summary>
internal sealed record ServiceReplicas(string Name, IReadOnlyList<IResourceBuilder<ProjectResource>> Replicas)
{
    /// <summary>The first replica, named as the service: where a single resource is needed (its endpoint, its logs).</summary>
    public IResourceBuilder<ProjectResource> First => Replicas[0];

    public ServiceReplicas Each(Action<IResourceBuilder<ProjectResource>> configure)
    {
        foreach (var replica in Replicas)
        {
            configure(replica);
        }

        return this;
    }
}

internal static class ReplicaExtensions
{
    /// <summary>
    /// How many replicas of <paramref name="service"/> to run: <c>Scale:Replicas:{service}</c>, else <c>Scale:Replicas</c>,
    /// else one. A published manifest has one of each: the platform it is deployed to scales it (docs/deploy.md).
    /// </summary>
    public static int ReplicasOf(this IDistributedApplicationBuilder builder, string service)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return 1;
        }

        var replicas = builder.Configuration.GetValue<int?>($"Scale:Replicas:{service}") ?? builder.Configuration.GetValue("Scale:Replicas", 1);
        return replicas >= 1 ? replicas : throw new ArgumentOutOfRangeException(nameof(service), replicas, $"Scale:Replicas for {service} must be at least 1.");
    }

    /// <summary>
    /// The replicas of a project, each with its readiness probe, on any free port rather than the launch profile's (which,
    /// unproxied, another system on the machine may hold). When there are several, each runs with a <c>HOME</c> of its own under
    /// <paramref name="dataDirectory"/>, as on machines of their own: nothing one replica needs may hide in a user folder
    /// the others happen to share (identity's Data Protection keys once did; they live in its database).
    /// </summary>
    public static ServiceReplicas AddReplicas<TProject>(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
        where TProject : IProjectMetadata, new()
    {
        var count = builder.ReplicasOf(name);
        var replicas = Enumerable.Range(1, count).Select(number =>
        {
            // Reached directly on any free port, not through a proxy of DCP's: a replica that died refuses connections at
            // once, and the gateway sends the request to another, where behind a proxy it would wait for an answer never
            // coming; and no request pays a hop through DCP's process (the gateway is what clients reach, on its own port).
            var replica = builder.AddProject<TProject>(number == 1 ? name : $"{name}-{number}").WithHttpHealthCheck("/health");
            if (!builder.ExecutionContext.IsPublishMode)
            {
                replica.WithEndpoint("http", endpoint =>
                {
                    endpoint.IsProxied = false;
                    endpoint.Port = null;
                });
            }

            if (count > 1)
            {
                replica.WithEnvironment("HOME", Directory.CreateDirectory(Path.Combine(dataDirectory, "replicas", replica.Resource.Name)).FullName);
            }

            return replica;
        });
        return new(name, [.. replicas]);
    }

    /// <summary>
    /// The gateway reaches every replica of <paramref name="service"/> as <c>http://{service}</c>: service discovery
    /// resolves that name to each replica's address (<c>services__{service}__http__{i}</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> gateway, ServiceReplicas service)
    {
        gateway.WithReference(service.First);
        foreach (var (replica, index) in service.Replicas.Select((replica, index) => (replica, index)).Skip(1))
        {
            gateway.WithEnvironment($"services__{service.Name}__http__{index}", replica.GetEndpoint("http")).WithReferenceRelationship(replica);
        }

        return gateway;
    }
}
