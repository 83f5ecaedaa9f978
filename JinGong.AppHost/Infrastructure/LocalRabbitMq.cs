using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace JinGong.AppHost.Infrastructure;

/// <summary>RabbitMQ from the machine's Debian packages, run by DCP through <c>rabbitmq.sh</c>.</summary>
public sealed class LocalRabbitMqResource(string name, string scriptDirectory)
    : ExecutableResource(name, "bash", scriptDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    // The guest user may only connect over loopback, which is all a local broker serves.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

public static class LocalRabbitMqExtensions
{
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        var broker = new LocalRabbitMqResource(name, scripts);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(broker, async (_, ct) =>
            connectionString = await broker.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheck = $"{name}_check";
        IConnection? connection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(
            async _ => connection ??= await new ConnectionFactory
            {
                Uri = new Uri(connectionString ?? throw new InvalidOperationException("RabbitMQ has no connection string yet")),
                AutomaticRecoveryEnabled = true,
            }.CreateConnectionAsync(),
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
