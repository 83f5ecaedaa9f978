using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// RabbitMQ from the machine's Debian packages, run by DCP through <c>rabbitmq.sh</c>. Its connection string is its
/// administrator's (<see cref="Administrator"/>), which only the AppHost's health check and the tests use; each service
/// connects as its own user (<see cref="ServiceBrokerUserResource"/>), written with the administrator into the
/// definitions the broker loads at start (<see cref="BrokerDefinitions"/>).
/// </summary>
public sealed class LocalRabbitMqResource(string name, string scriptDirectory, ParameterResource administratorPassword, string dataDirectory, string nodeName)
    : ExecutableResource(name, "bash", scriptDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    public const string Administrator = "jingong";
    internal const string SingleNodeName = "jingong@localhost";

    /// <summary>The node's data folder (its cookie, its epmd's port, its definitions): where its operator's tools look.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The Erlang node's name, e.g. <c>jingong@localhost</c>, or <c>jingong-2@localhost</c> in a cluster.</summary>
    public string NodeName { get; } = nodeName;

    public ParameterResource AdministratorPassword { get; } = administratorPassword;

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ServiceBrokerUserResource.Address(PrimaryEndpoint, Administrator, AdministratorPassword);
}

public static class LocalRabbitMqExtensions
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, IResourceBuilder<ParameterResource> administratorPassword)
    {
        // Erlang's own ports are not endpoints anyone connects to, so they are picked here rather than by
        // DCP; RabbitMQ's default distribution port (AMQP port + 20000) overflows with high random ports.
        var ports = FreeLoopbackPorts(2);
        return builder.AddLocalRabbitMqNode(name, dataDirectory, administratorPassword, LocalRabbitMqResource.SingleNodeName, usersOf: null, ports[1])
            .WithEnvironment("ERL_EPMD_PORT", ports[0].ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A cluster of <paramref name="nodes"/> RabbitMQ nodes on this machine (setting <c>Scale:BrokerNodes</c>): one epmd
    /// for them all (<c>{name}-epmd</c>), one Erlang cookie, nodes <c>{name}</c>, <c>{name}-2</c>... each with its own data
    /// folder, AMQP and distribution ports; nodes 2 and after join the first at their first boot and find the cluster
    /// again from their own data at every later one. A network partition pauses the minority side
    /// (<c>pause_minority</c>), so two halves never both take messages. Users are the first node's; the cluster shares them.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static IReadOnlyList<IResourceBuilder<LocalRabbitMqResource>> AddLocalRabbitMqCluster(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, IResourceBuilder<ParameterResource> administratorPassword,
        IResourceBuilder<ParameterResource> cookie, int nodes)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        var ports = FreeLoopbackPorts(nodes + 1);
        var epmdPort = ports[0].ToString(CultureInfo.InvariantCulture);
        var epmd = builder.AddExecutable($"{name}-epmd", "bash", scripts, Path.Combine(scripts, "epmd.sh"))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort);
        var cluster = new List<IResourceBuilder<LocalRabbitMqResource>>();
        for (var number = 1; number <= nodes; number++)
        {
            var node = builder.AddLocalRabbitMqNode(
                    number == 1 ? name : $"{name}-{number}", Path.Combine(dataDirectory, $"node-{number}"), administratorPassword, NodeName(number),
                    usersOf: cluster.FirstOrDefault()?.Resource, ports[number])
                .WithEnvironment("ERL_EPMD_PORT", epmdPort)
                .WithEnvironment("JINGONG_RABBITMQ_SHARED_EPMD", "1")
                .WithEnvironment("JINGONG_RABBITMQ_COOKIE", cookie)
                // Reached directly: a dead node refuses connections, and clients move on to the next at once, where a
                // proxy of DCP's would accept and leave them waiting for a handshake.
                .WithEndpoint(LocalRabbitMqResource.EndpointName, endpoint => endpoint.IsProxied = false)
                .WaitFor(epmd);
            if (number > 1)
            {
                // Ready only once it has joined: a service declaring its queues while a node still stood alone would
                // get quorum queues without that node among their members.
                var joined = Path.Combine(dataDirectory, $"node-{number}", "cluster-joined");
                builder.Services.AddHealthChecks().AddCheck($"{node.Resource.Name}_joined", () => File.Exists(joined)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{NodeName(number)} has not joined {NodeName(1)} yet"));
                node.WithEnvironment("JINGONG_RABBITMQ_JOIN", NodeName(1)).WithHealthCheck($"{node.Resource.Name}_joined");
            }

            cluster.Add(node);
        }

        return cluster;
    }

    private static string NodeName(int number) => $"jingong-{number}@localhost";

    /// <param name="usersOf">The node whose service users this one is given (the cluster's first), or none: its own.</param>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMqNode(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, IResourceBuilder<ParameterResource> administratorPassword,
        string nodeName, LocalRabbitMqResource? usersOf, int distributionPort)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        var broker = new LocalRabbitMqResource(name, scripts, administratorPassword.Resource, dataDirectory, nodeName);
        // Written before every start, so the users and their permissions are what this AppHost declares.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(broker, async (starting, ct) =>
            await BrokerDefinitions.WriteAsync(
                Path.Combine(dataDirectory, "definitions.json"), broker,
                starting.Services.GetRequiredService<DistributedApplicationModel>().ServiceUsers(usersOf ?? broker), ct));

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(broker, async (_, ct) =>
            connectionString = await broker.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheck = $"{name}_check";
        IConnection? connection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(
            async _ =>
            {
                // A connection that has not come back since the broker restarted (its recovery can give up, seen under
                // heavy load) is replaced, rather than asked again forever while the broker itself is up.
                if (connection is { IsOpen: false } closed)
                {
                    connection = null;
                    await closed.DisposeAsync();
                }

                return connection ??= await new ConnectionFactory
                {
                    Uri = new Uri(connectionString ?? throw new InvalidOperationException("RabbitMQ has no connection string yet")),
                    AutomaticRecoveryEnabled = true,
                }.CreateConnectionAsync();
            },
            name: healthCheck);

        return builder.AddResource(broker)
            .WithArgs(Path.Combine(scripts, "rabbitmq.sh"))
            // Reached directly, as PostgreSQL is (LocalPostgres): no proxy between the services and the broker.
            .WithEndpoint(name: LocalRabbitMqResource.EndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEnvironment("JINGONG_RABBITMQ_DATA", dataDirectory)
            .WithEnvironment("JINGONG_RABBITMQ_NODENAME", nodeName)
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString(CultureInfo.InvariantCulture))
            .WithHealthCheck(healthCheck);
    }

    private static int[] FreeLoopbackPorts(int count)
    {
        // Every listener stays open until every port is known, so no two can be the same port.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }
}
