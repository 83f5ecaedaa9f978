using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Xunit;

namespace JinGong.Testing;

/// <summary>
/// The whole system as the AppHost starts it (local PostgreSQL and RabbitMQ, every service, the gateway),
/// on random ports with a fresh data folder, reached only through the gateway.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private DistributedApplication? app;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("jingong-system-").FullName;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await TestAppHost.CreateBuilderAsync(DataDirectory, timeout.Token);
        app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        Gateway = app.CreateHttpClient("gateway");
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        TestAppHost.DeleteDataDirectory(DataDirectory);
    }
}
