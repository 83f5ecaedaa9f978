using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

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
            // Reached directly on a port DCP picks, not through DCP's proxy, which would carry every statement of every
            // service through a process of its own (a third of DCP's CPU over a business year).
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithEnvironment("JINGONG_PG_DATA", dataDirectory)
            .WithEnvironment("JINGONG_PG_PASSWORD_FILE", passwordFile)
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// A streaming standby of <paramref name="primary"/> (setting <c>Scale:PostgresStandby</c>): a copy taken with
    /// <c>pg_basebackup</c> at its first start, then read-only, replaying everything the primary writes, asynchronously
    /// (the primary never waits for it). Its health on the dashboard says whether it streams and how far its replay is
    /// behind. The primary keeps 512 MB of WAL for it, so a standby stopped for a while catches up without a new copy.
    /// Promoting it when the primary is lost is the operator's act (<c>pg_ctl promote</c>), not automatic.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgresStandby(
        this IResourceBuilder<LocalPostgresResource> primary, string name, string dataDirectory, IResourceBuilder<ParameterResource> password, string passwordFile)
    {
        var builder = primary.ApplicationBuilder;
        primary.WithArgs("-c", "wal_keep_size=512MB");
        var standby = builder.AddLocalPostgres(name, dataDirectory, password, passwordFile)
            .WithEnvironment("JINGONG_PG_STANDBY_OF", primary.Resource.PrimaryEndpoint.Property(EndpointProperty.Port))
            .WaitFor(primary);
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(standby.Resource, async (_, ct) =>
            connectionString = await standby.Resource.ConnectionStringExpression.GetValueAsync(ct));
        var streaming = $"{name}_streaming";
        builder.Services.AddHealthChecks().AddCheck(streaming, new StandbyHealthCheck(() => connectionString));
        return standby.WithHealthCheck(streaming);
    }
}

/// <summary>Healthy while the standby streams from its primary; its description says how far its replay is behind.</summary>
public sealed class StandbyHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } server)
        {
            return HealthCheckResult.Unhealthy("The standby has no connection string yet.");
        }

        try
        {
            await using var connection = new NpgsqlConnection($"{server};Database=postgres");
            await connection.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand(
                """
                SELECT (SELECT status FROM pg_stat_wal_receiver),
                       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
                       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
                """, connection);
            await using var row = await query.ExecuteReaderAsync(cancellationToken);
            await row.ReadAsync(cancellationToken);
            var status = row.IsDBNull(0) ? "not connected" : row.GetString(0);
            var behind = row.IsDBNull(1) ? 0 : row.GetInt64(1);
            var lastReplayed = row.IsDBNull(2) ? "nothing replayed yet" : $"last transaction replayed {row.GetDouble(2):0} s ago";
            var data = new Dictionary<string, object> { ["status"] = status, ["replayBehindBytes"] = behind };
            return status == "streaming"
                ? HealthCheckResult.Healthy($"Streaming from the primary; replay {behind} bytes behind what it received; {lastReplayed}.", data)
                : HealthCheckResult.Unhealthy($"Not streaming from the primary ({status}).", data: data);
        }
        catch (NpgsqlException error)
        {
            return HealthCheckResult.Unhealthy("The standby does not answer.", error);
        }
    }
}
