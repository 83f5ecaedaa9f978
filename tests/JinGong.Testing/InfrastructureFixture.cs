using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit;

namespace JinGong.Testing;

/// <summary>
/// One real PostgreSQL (with every service's database) and one real RabbitMQ for a test run, started by
/// the AppHost's own infrastructure code (the same resources the dev AppHost runs, minus the services),
/// on random ports with a fresh data folder. DCP watches the test process: when the run ends, is
/// cancelled or crashes, the servers stop with it.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public static readonly string[] Databases = ["fleetdb", "ordersdb", "dispatchdb", "okrdb", "knowledgedb", "identitydb"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, string> connectionStrings = [];
    private DistributedApplication? app;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("jingong-test-").FullName;

    /// <summary>The connection string of a service's database (<c>fleetdb</c>, ...), as its own role, or of <c>messaging</c>.</summary>
    public string ConnectionString(string name) => connectionStrings[name];

    /// <summary>The broker as <paramref name="service"/>'s own user would reach it (<c>messaging-fleet</c>, ...).</summary>
    public async Task<string> BrokerUserConnectionStringAsync(string service) =>
        await app!.GetConnectionStringAsync($"{MessagingName}-{service}") ?? throw new InvalidOperationException($"{service} has no broker user");

    /// <summary>The server's superuser, which only the AppHost uses (to make the databases and their roles).</summary>
    public string ServerConnectionString => connectionStrings[ServerName];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await TestAppHost.CreateBuilderAsync(DataDirectory, timeout.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }

        app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var name in Databases.Append(MessagingName).Append(ServerName))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            connectionStrings[name] = await app.GetConnectionStringAsync(name, timeout.Token)
                ?? throw new InvalidOperationException($"{name} has no connection string");
        }
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        TestAppHost.DeleteDataDirectory(DataDirectory);
    }

    private const string MessagingName = "messaging";
    private const string ServerName = "postgres";
}
