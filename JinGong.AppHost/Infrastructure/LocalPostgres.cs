using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JinGong.AppHost.Infrastructure;

/// <summary>PostgreSQL from the machine's Debian packages, run by DCP through <c>postgres.sh</c>.</summary>
public sealed class LocalPostgresResource(string name, string scriptDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", scriptDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public ParameterResource Password { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");

    internal List<LocalPostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>
/// One service's database on the local PostgreSQL server, created once the server is ready, with a login role of the
/// same name that owns it and nothing else: the service connects as that role, never as the superuser, and cannot
/// connect to another service's database.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, LocalPostgresResource parent, ParameterResource ownerPassword)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public ParameterResource OwnerPassword { get; } = ownerPassword;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Parent.PrimaryEndpoint.Property(EndpointProperty.Host)};Port={Parent.PrimaryEndpoint.Property(EndpointProperty.Port)};Username={Name};Password={OwnerPassword};Database={Name}");
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
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (ready, ct) =>
        {
            foreach (var database in server.Databases)
            {
                await DatabaseOwnership.EnsureAsync(connectionString!, database.Name, await database.OwnerPassword.GetValueAsync(ct) ?? string.Empty, ct);
            }

            // Aspire only mirrors a container parent's state onto its children; for an executable server we
            // say it ourselves, and the databases' own health checks then decide when they are ready.
            await PublishDatabaseStatesAsync(ready.Services, server, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, (stopped, _) =>
            PublishDatabaseStatesAsync(stopped.Services, server, KnownResourceStates.Exited));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => $"{connectionString ?? throw new InvalidOperationException("PostgreSQL has no connection string yet")};Database=postgres",
            name: healthCheck);

        return builder.AddResource(server)
            .WithArgs(Path.Combine(scripts, "postgres.sh"))
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("JINGONG_PG_DATA", dataDirectory)
            .WithEnvironment("JINGONG_PG_PASSWORD_FILE", passwordFile)
            .WithHealthCheck(healthCheck);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, string name, IResourceBuilder<ParameterResource> ownerPassword)
    {
        var database = new LocalPostgresDatabaseResource(name, server.Resource, ownerPassword.Resource);
        server.Resource.Databases.Add(database);

        string? connectionString = null;
        server.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString ?? throw new InvalidOperationException($"{name} has no connection string yet"), name: healthCheck);

        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheck);
    }

    private static async Task PublishDatabaseStatesAsync(IServiceProvider services, LocalPostgresResource server, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in server.Databases)
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with { State = state, ResourceType = "PostgresDatabase" });
        }
    }
}
