using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace JinGong.AppHost.Infrastructure;

public static class ContainerBackupExtensions
{
    /// <summary>Where the repository folder is mounted in the PostgreSQL container (pgBackRest's default).</summary>
    public const string RepositoryMount = "/var/lib/pgbackrest";

    /// <summary>
    /// PostgreSQL's container as Aspire runs it, built with PostGIS and pgBackRest added (postgres-backup.Dockerfile, from
    /// Aspire's own image and tag), whether or not backups are taken: fleet's database needs PostGIS either way.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithJinGongImage(this IResourceBuilder<PostgresServerResource> postgres)
    {
        var image = postgres.Resource.Annotations.OfType<ContainerImageAnnotation>().Single();
        return postgres
            .WithDockerfile(Path.Combine(postgres.ApplicationBuilder.AppHostDirectory, "Infrastructure"), "postgres-backup.Dockerfile")
            .WithBuildArg("BASE", $"{image.Registry}/{image.Image}:{image.Tag}");
    }

    /// <summary>
    /// The server (built by <see cref="WithJinGongImage"/>) archiving every WAL segment into the repository folder mounted
    /// from the host, encrypted with the repository's key: the containers-mode half of what postgres.sh does locally.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithContinuousBackup(this IResourceBuilder<PostgresServerResource> postgres, BackupSettings settings)
    {
        var key = settings.ReadOrCreateKey();
        Directory.CreateDirectory(settings.Repository);
        return postgres
            .WithBindMount(settings.Repository, RepositoryMount)
            .WithEnvironment("PGBACKREST_REPO1_CIPHER_PASS", postgres.ApplicationBuilder.AddParameter("backup-key", () => key, secret: true))
            .WithEnvironment("PGBACKREST_REPO1_RETENTION_FULL", settings.RetentionFull.ToString(CultureInfo.InvariantCulture))
            // pgBackRest connects as postgres over the socket, which Aspire's image guards with the password too.
            .WithEnvironment("PGPASSWORD", postgres.Resource.PasswordParameter)
            // The official entrypoint runs `postgres` with arguments that start with a dash.
            .WithArgs("-c", "archive_mode=on", "-c", "archive_timeout=60", "-c", "archive_command=pgbackrest archive-push %p");
    }
}
