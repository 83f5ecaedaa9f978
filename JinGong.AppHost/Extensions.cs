using System.Reflection;
using JinGong.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JinGong.AppHost;

internal static class Extensions
{
    /// <summary>A JinGong service's replicas (<see cref="ReplicaExtensions.ReplicasOf"/>): its own database, waited for.</summary>
    public static ServiceReplicas AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IResourceWithConnectionString> database)
        where TProject : IProjectMetadata, new() =>
        builder.AddReplicas<TProject>(name, builder.DataDirectory()).Each(replica => replica.WithReference(database).WaitFor(database));

    /// <summary>
    /// The key every service makes an erased subject's pseudonym under (<c>Privacy:PseudonymKey</c>): one for the whole
    /// system, so a person erased reads as the same pseudonym in every service's figures.
    /// </summary>
    public static ServiceReplicas WithPseudonymKey(this ServiceReplicas service, IResourceBuilder<ParameterResource> key) =>
        service.Each(replica => replica.WithEnvironment("Privacy__PseudonymKey", key));

    /// <summary>
    /// The bus (connection string <c>messaging</c>), as this service's own user, allowed to publish the contracts of the
    /// areas it <paramref name="publishes"/> and to consume those it <paramref name="consumes"/>; the broker waited for.
    /// Every replica is the same user: they compete for the same queues. With a cluster, each is given every node and
    /// waits for every node to have joined, so the queues it declares are replicated on all of them.
    /// </summary>
    public static ServiceReplicas WithBus(
        this ServiceReplicas service, Infrastructure.Infrastructure infrastructure, string[] publishes, string[] consumes)
    {
        var messaging = infrastructure.MessagingFor(service.Name, publishes, consumes);
        return service.Each(replica =>
        {
            replica.WithReference(messaging, connectionName: "messaging").WaitFor(infrastructure.Messaging);
            foreach (var (node, index) in infrastructure.BrokerNodes.Select((node, index) => (node, index)))
            {
                replica.WaitFor(node.Resource).WithEnvironment(
                    $"Messaging__Nodes__{index}", ReferenceExpression.Create($"{node.Endpoint.Property(EndpointProperty.Host)}:{node.Endpoint.Property(EndpointProperty.Port)}"));
            }
        });
    }

    /// <summary>The gateway is the one resource clients reach: on a fixed port (setting <c>GatewayPort</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithGatewayPort(this IResourceBuilder<ProjectResource> gateway, int port) =>
        gateway.WithEndpoint("http", endpoint => endpoint.Port = port).WithExternalHttpEndpoints();

    /// <summary>
    /// Hands the AppHost's settings under <paramref name="section"/> (e.g. <c>Gateway:RateLimit</c>, a request budget per
    /// client; <c>Identity:ServiceAccounts</c>, machine clients) on to the project as they are, when there are any.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSettingsFrom(this IResourceBuilder<ProjectResource> project, IConfiguration configuration, string section)
    {
        foreach (var setting in configuration.GetSection(section).AsEnumerable().Where(setting => setting.Value is not null))
        {
            project.WithEnvironment(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value);
        }

        return project;
    }

    /// <summary>
    /// The simulator plays the demo company's year through the gateway once the gateway is up, then finishes. It is a
    /// machine client of identity with a generated secret kept beside the data, and an administrator: importing the
    /// roster is an administrator's write, and it does every department's writes besides. <c>Simulator:Vehicles</c>,
    /// <c>People</c> and <c>Seed</c> size it.
    /// </summary>
    public static void AddSimulator(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, ServiceReplicas identity, IResourceBuilder<ParameterResource> secret)
    {
        const string clientId = "simulator";
        identity.Each(replica => replica.WithEnvironment($"Identity__ServiceAccounts__{clientId}__Name", "Demo company simulator")
            .WithEnvironment($"Identity__ServiceAccounts__{clientId}__Secret", secret)
            .WithEnvironment($"Identity__ServiceAccounts__{clientId}__Roles__0", "administrator"));
        builder.AddProject<Projects.JinGong_Simulator>("simulator")
            .WithReference(gateway).WaitFor(gateway)
            .WithEnvironment("Simulator__ClientId", clientId)
            .WithEnvironment("Simulator__Secret", secret)
            .WithSettingsFrom(builder.Configuration, "Simulator");
    }

    /// <summary>Logs the two addresses people need once the gateway is ready, so the run command can show them.</summary>
    public static IResourceBuilder<ProjectResource> AnnounceWhenReady(this IResourceBuilder<ProjectResource> gateway) =>
        gateway.OnResourceReady((resource, ready, _) =>
        {
            var configuration = ready.Services.GetRequiredService<IConfiguration>();
            var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(dashboard disabled)";
            ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JinGong").LogInformation(
                "JinGong is up. Dashboard: {Dashboard}  Gateway: {Gateway}  API reference: {Gateway}/api/reference",
                dashboard, resource.GetEndpoint("http").Url, resource.GetEndpoint("http").Url);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Tokens are issued in the name of the gateway's public address, where clients sign in, and every project checks
    /// them against the keys the identity provider publishes. The console is sent back to the gateway after sign-in.
    /// With several identity replicas the discovery document is read through the gateway, which balances across the
    /// replicas that are well, so that a process starting while one is down still finds it.
    /// </summary>
    public static void SignInThrough(this IDistributedApplicationBuilder builder, ServiceReplicas identity, IResourceBuilder<ProjectResource> gateway)
    {
        var publicAddress = gateway.GetEndpoint("http");
        identity.Each(replica => replica.WithEnvironment("Identity__Issuer", publicAddress)
            .WithEnvironment("Identity__ConsoleRedirectUris__0", ReferenceExpression.Create($"{publicAddress}/signed-in")));
        var discovery = identity.Replicas.Count == 1 ? identity.First.GetEndpoint("http") : publicAddress;
        var metadata = ReferenceExpression.Create($"{discovery}/.well-known/openid-configuration");
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("Identity__MetadataAddress", metadata);
        }
    }

    /// <summary>
    /// Runs each project's built program itself, not through <c>dotnet run</c>, which stayed alive as its parent for the
    /// project's whole life: a second .NET process per service (the CLI, ~140 MB resident each) and a project evaluation
    /// at every start. The AppHost builds its projects, in its own configuration, before it starts them (Aspire runs them
    /// with <c>--no-build</c>); a project not built there (another configuration) is still run by <c>dotnet run</c>.
    /// </summary>
    public static void RunBuiltPrograms(this IDistributedApplicationBuilder builder)
    {
        var configuration = typeof(Extensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var projectPath = project.GetProjectMetadata().ProjectPath;
            var directory = Path.GetDirectoryName(projectPath)!;
            var program = Path.Combine(directory, "bin", configuration, targetFramework, Path.GetFileNameWithoutExtension(projectPath));
            if (File.Exists(program))
            {
                // The working directory stays the project's, as under dotnet run: it is the services' content root.
                project.Annotations.Add(new ExecutableAnnotation { Command = program, WorkingDirectory = directory });
            }
        }
    }

    /// <summary>
    /// Services flush telemetry to the dashboard on shutdown; once the dashboard is gone that waits out the
    /// exporter's 10 s default and DCP kills them. Two seconds is plenty on one machine.
    /// </summary>
    public static void FlushTelemetryQuicklyOnStop(this IDistributedApplicationBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "2000");
        }
    }
}
