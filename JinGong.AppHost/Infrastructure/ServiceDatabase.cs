using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// One service's database on a PostgreSQL server (the machine's or a container), created once the server is ready,
/// with a login role of the same name that owns it and nothing else (<see cref="DatabaseOwnership"/>): the service
/// connects as that role, never as the superuser, and cannot connect to another service's database.
/// </summary>
public sealed class ServiceDatabaseResource(string name, IResourceWithConnectionString server, EndpointReference endpoint, ParameterResource ownerPassword)
    : Resource(name), IResourceWithParent, IResourceWithConnectionString
{
    /// <summary>The server, whose connection string is its superuser's.</summary>
    public IResource Parent { get; } = server;

    public ParameterResource OwnerPassword { get; } = ownerPassword;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={Name};Password={OwnerPassword};Database={Name}");
}

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// A database of <paramref name="server"/> (reached at <paramref name="endpoint"/>) owned by its own role, whose
    /// password is <paramref name="ownerPassword"/>, with <paramref name="extensions"/> created in it.
    /// </summary>
    public static IResourceBuilder<ServiceDatabaseResource> AddServiceDatabase<TServer>(
        this IResourceBuilder<TServer> server, string name, EndpointReference endpoint, IResourceBuilder<ParameterResource> ownerPassword,
        IReadOnlyCollection<string> extensions)
        where TServer : IResourceWithConnectionString
    {
        var builder = server.ApplicationBuilder;
        var database = new ServiceDatabaseResource(name, server.Resource, endpoint, ownerPassword.Resource);
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (ready, ct) =>
        {
            await DatabaseOwnership.EnsureAsync(
                await server.Resource.ConnectionStringExpression.GetValueAsync(ct) ?? throw new InvalidOperationException($"{server.Resource.Name} has no connection string"),
                name, await ownerPassword.Resource.GetValueAsync(ct) ?? string.Empty, extensions, ct);
            // Aspire mirrors only a container's state onto its children; for a server run as an executable we say it
            // ourselves, and the database's own health check then decides when it is ready.
            await PublishStateAsync(ready.Services, server.Resource, database, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server.Resource, (stopped, _) =>
            PublishStateAsync(stopped.Services, server.Resource, database, KnownResourceStates.Exited));

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString ?? throw new InvalidOperationException($"{name} has no connection string yet"), name: healthCheck);

        return builder.AddResource(database).WithHealthCheck(healthCheck);
    }

    private static Task PublishStateAsync(IServiceProvider services, IResource server, ServiceDatabaseResource database, string state) =>
        server is ContainerResource
            ? Task.CompletedTask
            : services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, snapshot => snapshot with { State = state, ResourceType = "PostgresDatabase" });
}
