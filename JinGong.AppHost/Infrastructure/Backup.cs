using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// How PostgreSQL is backed up (README "Backup and restore"): settings under <c>Backup</c>. The repository is a folder
/// beside the data (<c>{InfraData}.backup</c>; a second disk or a mounted share in production), the key that encrypts it
/// a file kept apart from both.
/// </summary>
public sealed record BackupSettings(string Repository, string KeyFile, TimeSpan Every, TimeSpan FullEvery, int RetentionFull)
{
    public static BackupSettings? From(IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection("Backup");
        if (!section.GetValue("Enabled", true))
        {
            return null;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new(
            Path.GetFullPath(section["Repository"] ?? dataDirectory.TrimEnd('/') + ".backup"),
            Path.GetFullPath(section["KeyFile"] ?? Path.Combine(home, ".config", "jingong", "backup.key")),
            section.GetValue("Every", TimeSpan.FromHours(1)),
            section.GetValue("FullEvery", TimeSpan.FromDays(7)),
            section.GetValue("RetentionFull", 2));
    }

    /// <summary>What <c>backup.sh</c> reads (<c>backup.env</c> in the data folder), so that scripts/backup.sh and
    /// scripts/restore.sh find the repository and key of a data folder without the AppHost; with the containers whose
    /// server and broker it backs up, and the AppHost's user secrets, when they run in containers.</summary>
    public string EnvironmentFile(BackedUpContainers? containers = null, LocalRabbitMqResource? broker = null) => string.Join('\n',
        [
            $"JINGONG_BACKUP_REPO={Quoted(Repository)}",
            $"JINGONG_BACKUP_KEY_FILE={Quoted(KeyFile)}",
            $"JINGONG_BACKUP_EVERY={(long)Every.TotalSeconds}",
            $"JINGONG_BACKUP_FULL_EVERY={(long)FullEvery.TotalSeconds}",
            $"JINGONG_BACKUP_RETENTION_FULL={RetentionFull}",
            .. containers is null ? [] : new[]
            {
                $"JINGONG_BACKUP_POSTGRES_CONTAINER={Quoted(containers.Postgres)}",
                $"JINGONG_BACKUP_BROKER_CONTAINER={Quoted(containers.Broker)}",
                $"JINGONG_BACKUP_SECRETS_FILE={Quoted(containers.SecretsFile)}",
            },
            .. broker is null ? [] : new[]
            {
                $"JINGONG_BACKUP_BROKER_DATA={Quoted(broker.DataDirectory)}",
                $"JINGONG_BACKUP_BROKER_NODE={Quoted(broker.NodeName)}",
            },
        ]) + "\n";

    /// <summary>The repository's key, made on first use: 32 random bytes, readable only by its owner.</summary>
    public string ReadOrCreateKey()
    {
        var folder = Path.GetDirectoryName(KeyFile)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return InfrastructureExtensions.ReadOrCreateSecret(KeyFile, bytes: 32);
    }

    private static string Quoted(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>The containers a containers-mode backup reaches with <c>docker exec</c>, and the file the AppHost keeps its
/// generated secrets in (its user secrets).</summary>
public sealed record BackedUpContainers(string Postgres, string Broker, string SecretsFile);

/// <summary>The <c>backup</c> resource: <c>backup.sh schedule</c>, which takes the full and incremental backups.</summary>
public sealed class BackupResource(string name, string scriptDirectory) : ExecutableResource(name, "bash", scriptDirectory);

public static class BackupExtensions
{
    public const string TakeBackupCommand = "take-backup";

    /// <summary>
    /// Continuous backup of <paramref name="postgres"/>, whose every WAL segment is archived (postgres.sh locally,
    /// <see cref="ContainerBackupExtensions.WithContinuousBackup"/> in a container): a full backup when there is none or
    /// the last is older than <see cref="BackupSettings.FullEvery"/>, an incremental one every
    /// <see cref="BackupSettings.Every"/>, each with the secrets and the broker's definitions. Its health says when the
    /// last backup finished and the oldest moment the repository can restore to, and turns unhealthy when WAL archiving
    /// fails or backups fall behind.
    /// </summary>
    public static IResourceBuilder<BackupResource> AddBackup(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IResourceWithConnectionString> postgres, IResourceBuilder<IResource> broker,
        string dataDirectory, BackupSettings settings, BackedUpContainers? containers = null)
    {
        File.WriteAllText(Path.Combine(dataDirectory, "backup.env"), settings.EnvironmentFile(containers, broker.Resource as LocalRabbitMqResource));

        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure");
        var script = Path.Combine(scripts, "backup.sh");
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(postgres.Resource, async (_, ct) =>
            connectionString = await postgres.Resource.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck,
            _ => new BackupHealthCheck(Path.Combine(dataDirectory, "backup-info.json"), () => connectionString, settings.Every),
            failureStatus: HealthStatus.Unhealthy,
            tags: null));

        // After the broker too, so that the first backup carries its definitions.
        return builder.AddResource(new BackupResource(name, scripts))
            .WithArgs(script, "schedule", dataDirectory)
            .WaitFor(postgres)
            .WaitFor(broker)
            .WithHealthCheck(healthCheck)
            .WithCommand(TakeBackupCommand, "Back up now", async context =>
            {
                var (exitCode, output) = await RunAsync("bash", [script, "take", dataDirectory, "incr"], context.CancellationToken);
                return exitCode == 0 ? CommandResults.Success() : CommandResults.Failure(output);
            });
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output + await errors).Trim());
    }
}

/// <summary>
/// The repository as pgBackRest last described it (written after every backup) and PostgreSQL's archiver: healthy while
/// the last backup is recent and WAL archiving works, with the last backup and the oldest restorable moment in its
/// description (shown on the dashboard).
/// </summary>
internal sealed class BackupHealthCheck(string infoFile, Func<string?> connectionString, TimeSpan every) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(infoFile))
        {
            return HealthCheckResult.Unhealthy("no backup yet: the first full backup is taken when the system starts");
        }

        using var info = JsonDocument.Parse(await File.ReadAllTextAsync(infoFile, cancellationToken));
        var backups = info.RootElement[0].GetProperty("backup").EnumerateArray().ToList();
        if (backups.Count == 0)
        {
            return HealthCheckResult.Unhealthy("the repository holds no backup");
        }

        var last = backups[^1];
        var lastFinished = Finished(last);
        var oldest = backups.Min(Finished);
        var described = string.Create(CultureInfo.InvariantCulture,
            $"last backup {last.GetProperty("label").GetString()} ({last.GetProperty("type").GetString()}) finished {lastFinished:u}; restorable to any moment since {oldest:u}");

        var archiver = await ArchiverAsync(cancellationToken);
        if (archiver is { } failing)
        {
            return HealthCheckResult.Unhealthy($"WAL archiving fails ({failing}); {described}");
        }

        return DateTimeOffset.UtcNow - lastFinished > 2 * every + TimeSpan.FromMinutes(5)
            ? HealthCheckResult.Degraded($"backups are behind: {described}")
            : HealthCheckResult.Healthy(described);
    }

    private static DateTimeOffset Finished(JsonElement backup) =>
        DateTimeOffset.FromUnixTimeSeconds(backup.GetProperty("timestamp").GetProperty("stop").GetInt64());

    // The archiver's last failure, when it is more recent than its last success.
    private async Task<string?> ArchiverAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"{connectionString() ?? throw new InvalidOperationException("PostgreSQL has no connection string yet")};Database=postgres");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT last_failed_wal, last_failed_time FROM pg_stat_archiver WHERE last_failed_time > coalesce(last_archived_time, '-infinity')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? string.Create(CultureInfo.InvariantCulture, $"segment {reader.GetString(0)} at {reader.GetFieldValue<DateTimeOffset>(1):u}")
            : null;
    }
}
