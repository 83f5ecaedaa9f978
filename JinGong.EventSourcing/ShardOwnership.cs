using JasperFx;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JinGong.EventSourcing;

/// <summary>
/// Which of the async daemon's shards (the projections, the publisher, the subscriptions) this replica runs, in
/// <c>/health</c>. In hot/cold mode each shard runs in one replica only, the one holding that shard's PostgreSQL advisory
/// lock; the others ask for the lock every <see cref="LeadershipPolling"/>, and the first to get it once its holder is
/// gone takes the shard over. Ops read here which replica runs what; one that runs nothing is as healthy as the others.
/// </summary>
public sealed class ShardOwnership(Marten.Events.Daemon.Coordination.IProjectionCoordinator coordinator) : IHealthCheck
{
    /// <summary>How often a replica asks for the shards no one runs: a dead holder's shards wait at most this long, plus their start.</summary>
    public static readonly TimeSpan LeadershipPolling = TimeSpan.FromSeconds(2);

    /// <summary>This process among the replicas: the host (a pod's name on a cluster) and the process id.</summary>
    public static readonly string Replica = $"{Environment.MachineName}:{Environment.ProcessId}";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var running = coordinator.DaemonForMainDatabase().CurrentAgents()
            .Where(agent => agent.Status == AgentStatus.Running)
            .Select(agent => agent.Name.Identity)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var data = new Dictionary<string, object> { ["replica"] = Replica, ["runs"] = running };
        return Task.FromResult(HealthCheckResult.Healthy(
            running.Length == 0 ? "Runs none of the daemon's shards: other replicas do." : $"Runs {string.Join(", ", running)} here.",
            data));
    }
}
