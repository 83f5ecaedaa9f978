using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JinGong.Testing;

/// <summary>The AppHost as tests run it: local PostgreSQL and RabbitMQ, a private data folder, no dashboard.</summary>
public static class TestAppHost
{
    /// <param name="settings">More AppHost settings, e.g. <c>--Gateway:RateLimit:Burst=20</c>.</param>
    public static async Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(
        string dataDirectory, CancellationToken cancellationToken, params string[] settings)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.JinGong_AppHost>(
            // No demo company and no backup unless a test asks for them (its own settings come after and win).
            ["--Infra=local", $"--InfraData={dataDirectory}", "--Simulator:Enabled=false", "--Backup:Enabled=false", .. settings],
            (options, _) => options.DisableDashboard = true,
            cancellationToken);

        // A test's output is its assertions: the orchestrator's chatter (health probes failing while a
        // server starts or stops) stays out unless something is really wrong.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error)
            .AddFilter("JinGong.AppHost.Resources", LogLevel.Warning)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
        return builder;
    }

    public static void DeleteDataDirectory(string dataDirectory)
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
