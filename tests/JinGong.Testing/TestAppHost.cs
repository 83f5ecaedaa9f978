using Aspire.Hosting.Testing;

namespace JinGong.Testing;

/// <summary>The AppHost as tests run it: local PostgreSQL and RabbitMQ, a private data folder, no dashboard.</summary>
public static class TestAppHost
{
    public static Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(string dataDirectory, CancellationToken cancellationToken) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.JinGong_AppHost>(
            ["--Infra=local", $"--InfraData={dataDirectory}"],
            (options, _) => options.DisableDashboard = true,
            cancellationToken);

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
