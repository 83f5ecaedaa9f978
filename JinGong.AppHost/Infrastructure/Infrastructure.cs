using System.Reflection;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ for the services, whichever way they run: both branches hand out the same
/// connection-string resources (a database per service, the broker <c>messaging</c> and a way onto it per service), so
/// service wiring is identical.
/// </summary>
public sealed class Infrastructure(
    InfraMode mode,
    IResourceBuilder<IResourceWithConnectionString> messaging,
    IReadOnlyList<BrokerNode> brokerNodes,
    Func<string, IReadOnlyCollection<string>, IResourceBuilder<IResourceWithConnectionString>> addDatabase,
    Func<string, BrokerPermissions, IResourceBuilder<IResourceWithConnectionString>> addBrokerUser,
    Func<string, IResourceBuilder<ParameterResource>> addSecret)
{
    public InfraMode Mode { get; } = mode;

    /// <summary>The broker, as its administrator: for health checks and tests, never for a service.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; } = messaging;

    /// <summary>Each node when the broker is a cluster; none when it is one node.</summary>
    public IReadOnlyList<BrokerNode> BrokerNodes { get; } = brokerNodes;

    /// <summary>A service's database, with the PostgreSQL <paramref name="extensions"/> it needs created in it (e.g. <c>postgis</c>).</summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name, params string[] extensions) => addDatabase(name, extensions);

    /// <summary>The broker as <paramref name="service"/> may use it: as its own user (<see cref="BrokerPermissions.For"/>).</summary>
    public IResourceBuilder<IResourceWithConnectionString> MessagingFor(string service, IReadOnlyCollection<string> publishes, IReadOnlyCollection<string> consumes) =>
        addBrokerUser(service, BrokerPermissions.For(service, publishes, consumes));

    /// <summary>A generated secret that lives as long as the data does (kept beside it locally, in user secrets otherwise).</summary>
    public IResourceBuilder<ParameterResource> AddSecret(string name) => addSecret(name);
}

/// <summary>One node of a broker cluster: its resource, to wait for, and its AMQP endpoint, to connect to.</summary>
public sealed record BrokerNode(IResourceBuilder<IResource> Resource, EndpointReference Endpoint);

public static class InfrastructureExtensions
{
    /// <summary>
    /// Adds PostgreSQL (<c>postgres</c>) and RabbitMQ (<c>messaging</c>) as the setting <c>Infra</c> says
    /// (<c>auto</c>, <c>local</c> or <c>containers</c>); local data lives under <c>InfraData</c>.
    /// </summary>
    public static async Task<Infrastructure> AddInfrastructureAsync(this IDistributedApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var mode = await InfraModeSelector.ResolveAsync(
            InfraModeSelector.Parse(builder.Configuration["Infra"]),
            ct => InfraModeSelector.DockerAnswersAsync("docker", InfraModeSelector.ContainerRuntimeTimeout, ct),
            cancellationToken);

        return mode switch
        {
            InfraMode.Local when OperatingSystem.IsLinux() => Local(builder),
            InfraMode.Local => throw new PlatformNotSupportedException("Infra=local runs Debian's PostgreSQL and RabbitMQ packages: Linux only."),
            _ => Containers(builder),
        };
    }

    [SupportedOSPlatform("linux")]
    private static Infrastructure Local(IDistributedApplicationBuilder builder)
    {
        var dataDirectory = DataDirectory(builder);
        // The postgres user has to pass through this folder to reach its own data folder inside it.
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_101_101);

        var passwordFile = Path.Combine(dataDirectory, "postgres.password");
        var password = AddSecret("postgres-password");

        var postgres = builder.AddLocalPostgres("postgres", Path.Combine(dataDirectory, "postgres"), password, passwordFile);
        if (builder.Configuration.GetValue("Scale:PostgresStandby", false))
        {
            postgres.AddLocalPostgresStandby("postgres-standby", Path.Combine(dataDirectory, "postgres-standby"), password, passwordFile);
        }

        // A cluster keeps its nodes' data in a folder of its own: a single node's classic queues cannot become quorum queues.
        var brokerNodes = BrokerNodes(builder);
        IReadOnlyList<IResourceBuilder<LocalRabbitMqResource>> broker = brokerNodes == 1
            ? [builder.AddLocalRabbitMq("messaging", Path.Combine(dataDirectory, "rabbitmq"), AddSecret("messaging-password"))]
            : builder.AddLocalRabbitMqCluster("messaging", Path.Combine(dataDirectory, "rabbitmq-cluster"), AddSecret("messaging-password"), AddSecret("messaging-cookie"), brokerNodes);
        var messaging = broker[0];
        if (BackupSettings.From(builder.Configuration, dataDirectory) is { } backup)
        {
            backup.ReadOrCreateKey();
            postgres.WithEnvironment("JINGONG_BACKUP_DATA", dataDirectory);
            builder.AddBackup("backup", postgres, messaging, dataDirectory, backup);
        }

        // Each database's owner role and each service's broker user has a password of its own ("fleetdb.password",
        // "messaging-fleet.password", ...), kept as the others are.
        return new(
            InfraMode.Local,
            messaging,
            brokerNodes == 1 ? [] : [.. broker.Select(node => new BrokerNode(node, node.Resource.PrimaryEndpoint))],
            (name, extensions) => postgres.AddServiceDatabase(name, postgres.Resource.PrimaryEndpoint, AddSecret($"{name}-password"), extensions),
            (service, permissions) => messaging.AddServiceUser(service, messaging.Resource.PrimaryEndpoint, AddSecret($"messaging-{service}-password"), permissions),
            AddSecret);

        // "postgres-password" is kept in postgres.password, and so on.
        IResourceBuilder<ParameterResource> AddSecret(string name)
        {
            var secret = ReadOrCreateSecret(Path.Combine(dataDirectory, name.Replace("-password", ".password", StringComparison.Ordinal)));
            return builder.AddParameter(name, () => secret, secret: true);
        }
    }

    // The same least privilege as locally: the superuser and the broker's administrator (not guest) are the AppHost's;
    // each service gets a role owning its database and a broker user of its own. The official images run PostgreSQL
    // and RabbitMQ as their own users, not root.
    private static Infrastructure Containers(IDistributedApplicationBuilder builder)
    {
        if (BrokerNodes(builder) > 1 || (!builder.ExecutionContext.IsPublishMode && builder.Configuration.GetValue("Scale:PostgresStandby", false)))
        {
            throw new NotSupportedException(
                "Scale:BrokerNodes and Scale:PostgresStandby run a RabbitMQ cluster and a PostgreSQL standby from the machine's Debian packages (Infra=local); "
                + "in containers the broker is one node and PostgreSQL one server (docs/deploy.md: on Kubernetes).");
        }

        IResourceBuilder<ParameterResource> AddSecret(string name) =>
            builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

        // Named, so that backup.sh and restore.sh reach them with `docker exec` and `docker volume`.
        var postgres = builder.AddPostgres("postgres", password: AddSecret("postgres-password")).WithJinGongImage()
            .WithDataVolume(PostgresContainer).WithContainerName(PostgresContainer).WithArgs(ServerSettings.Arguments);
        var messaging = builder.AddRabbitMQ("messaging", builder.AddParameter("messaging-administrator", LocalRabbitMqResource.Administrator), AddSecret("messaging-password"))
            .WithManagementPlugin()
            .WithDataVolume(BrokerContainer).WithContainerName(BrokerContainer)
            .WithServiceUsersThroughManagementApi();
        // The data folder holds only the backup's settings and its last account of the repository here.
        if (BackupSettings.From(builder.Configuration, DataDirectory(builder)) is { } backup)
        {
            postgres.WithContinuousBackup(backup);
            builder.AddBackup("backup", postgres, messaging, DataDirectory(builder), backup,
                new BackedUpContainers(PostgresContainer, BrokerContainer, UserSecretsFile()));
        }

        return new(
            InfraMode.Containers,
            messaging,
            [],
            (name, extensions) => postgres.AddServiceDatabase(name, postgres.Resource.PrimaryEndpoint, AddSecret($"{name}-password"), extensions),
            (service, permissions) => messaging.AddServiceUser(service, messaging.Resource.PrimaryEndpoint, AddSecret($"messaging-{service}-password"), permissions),
            AddSecret);
    }

    private const string PostgresContainer = "jingong-postgres";
    private const string BrokerContainer = "jingong-rabbitmq";

    /// <summary>How many RabbitMQ nodes form the broker (setting <c>Scale:BrokerNodes</c>, default one); a manifest has one.</summary>
    private static int BrokerNodes(IDistributedApplicationBuilder builder)
    {
        var nodes = builder.ExecutionContext.IsPublishMode ? 1 : builder.Configuration.GetValue("Scale:BrokerNodes", 1);
        return nodes is 1 or >= 3 ? nodes
            : throw new ArgumentOutOfRangeException(nameof(builder), nodes, "Scale:BrokerNodes is 1, or 3 or more: a cluster of two loses its majority with either node.");
    }

    /// <summary>The folder local data lives in (setting <c>InfraData</c>, by default <c>.data</c> beside the AppHost).</summary>
    internal static string DataDirectory(this IDistributedApplicationBuilder builder) =>
        Directory.CreateDirectory(Path.GetFullPath(builder.Configuration["InfraData"] ?? Path.Combine(builder.AppHostDirectory, "..", ".data"))).FullName;

    // Where the generated parameters of the containers mode are kept (persisted to the AppHost's user secrets).
    private static string UserSecretsFile() =>
        PathHelper.GetSecretsPathFromSecretsId(typeof(InfrastructureExtensions).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()!.UserSecretsId);

    // A dev database keeps its password with its data, so it survives restarts and dies with `wipe`; the backup's key is
    // kept so too, apart from the data.
    internal static string ReadOrCreateSecret(string passwordFile, int bytes = 16)
    {
        if (!File.Exists(passwordFile))
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new StreamWriter(new FileStream(passwordFile, options));
            file.Write(password);
            return password;
        }

        return File.ReadAllText(passwordFile).Trim();
    }
}
