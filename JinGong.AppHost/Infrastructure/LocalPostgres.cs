using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL from the machine's Debian packages, run by DCP through <c>postgres.sh</c>; its connection string is the
/// superuser's, which only the AppHost uses (services get a <see cref="ServiceDatabaseResource"/> each).
/// </summary>
public sealed class LocalPostgresResource(string name, string scriptDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", scriptDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public ParameterResource Password { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");
}

/// <summary>Settings of every PostgreSQL the AppHost runs, local or in a container.</summary>
public static class ServerSettings
{
    /// <summary>
    /// A client that stops answering (a replica hung, or its machine gone, not merely killed: a killed process's socket is
    /// closed at once) loses its session within ~25 s, and with it the advisory lock by which a service's replica leads
    /// its async daemon, so another replica takes the lead; the default waits out the kernel's two hours.
    /// </summary>
    public static readonly string[] Arguments =
        ["-c", "tcp_keepalives_idle=10", "-c", "tcp_keepalives_interval=5", "-c", "tcp_keepalives_count=3"];
}

public static class LocalPostgresExtensions
{
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, IResourceBuilder<ParameterResource> password, string passwordFile)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        var server = new LocalPostgresResource(name, scripts, password.Resource);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => $"{connectionString ?? throw new InvalidOperationException("PostgreSQL has no connection string yet")};Database=postgres",
            name: healthCheck);

        return builder.AddResource(server)
            .WithArgs([Path.Combine(scripts, "postgres.sh"), .. ServerSettings.Arguments])
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("JINGONG_PG_DATA", dataDirectory)
            .WithEnvironment("JINGONG_PG_PASSWORD_FILE", passwordFile)
            .WithHealthCheck(healthCheck);
    }
}
