using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// RabbitMQ from the machine's Debian packages, run by DCP through <c>rabbitmq.sh</c>. Its connection string is its
/// administrator's (<see cref="Administrator"/>), which only the AppHost's health check and the tests use; each service
/// connects as its own user (<see cref="ServiceBrokerUserResource"/>), written with the administrator into the
/// definitions the broker loads at start (<see cref="BrokerDefinitions"/>).
/// </summary>
public sealed class LocalRabbitMqResource(string name, string scriptDirectory, ParameterResource administratorPassword)
    : ExecutableResource(name, "bash", scriptDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    public const string Administrator = "jingong";

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
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        var broker = new LocalRabbitMqResource(name, scripts, administratorPassword.Resource);
        // Written before every start, so the users and their permissions are what this AppHost declares.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(broker, async (starting, ct) =>
            await BrokerDefinitions.WriteAsync(
                Path.Combine(dataDirectory, "definitions.json"), broker, starting.Services.GetRequiredService<DistributedApplicationModel>().ServiceUsers(broker), ct));

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

        // Erlang's own ports are not endpoints anyone connects to, so they are picked here rather than by
        // DCP; RabbitMQ's default distribution port (AMQP port + 20000) overflows with high random ports.
        var (epmdPort, distributionPort) = TwoFreeLoopbackPorts();
        return builder.AddResource(broker)
            .WithArgs(Path.Combine(scripts, "rabbitmq.sh"))
            .WithEndpoint(name: LocalRabbitMqResource.EndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT")
            .WithEnvironment("JINGONG_RABBITMQ_DATA", dataDirectory)
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString(CultureInfo.InvariantCulture))
            .WithHealthCheck(healthCheck);
    }

    private static (int, int) TwoFreeLoopbackPorts()
    {
        // Both listeners stay open until both ports are known, so the two cannot be the same port.
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
