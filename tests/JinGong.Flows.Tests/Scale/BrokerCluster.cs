using System.Diagnostics;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Scale;

/// <summary>
/// The AppHost's three-node RabbitMQ cluster as its operator sees it through <c>rabbitmqctl</c>: run as the broker's
/// user, with the cluster's cookie, over its one epmd, asking whichever node answers.
/// </summary>
internal sealed class BrokerCluster(SystemFixture system)
{
    public const int Nodes = 3;

    /// <param name="Leader">The node its replicas follow (a quorum queue's leader; a classic queue's only node).</param>
    /// <param name="Members">The nodes holding a replica of it (a quorum queue's; none for a classic queue).</param>
    public sealed record Queue(string Name, string Type, bool Durable, string Leader, int Members);

    /// <summary>Every queue on the cluster.</summary>
    public async Task<IReadOnlyList<Queue>> QueuesAsync()
    {
        var listed = await CtlAsync("list_queues", "name", "type", "durable", "leader", "members", "--formatter", "json");
        return [.. JsonDocument.Parse(listed).RootElement.EnumerateArray().Select(queue => new Queue(
            queue.GetProperty("name").GetString()!,
            queue.GetProperty("type").GetString()!,
            queue.GetProperty("durable").GetBoolean(),
            queue.GetProperty("leader").GetString()!,
            queue.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array ? members.GetArrayLength() : 0))];
    }

    /// <summary>
    /// How many messages wait in each <c>_error</c> and <c>_skipped</c> queue, as their leaders count them (asked over AMQP:
    /// <c>list_queues</c> reports a queue's length from statistics a few seconds old).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, uint>> ParkedAsync()
    {
        await using var bus = await TestBus.StartAsync(await system.ConnectionStringAsync("messaging"));
        var parked = new Dictionary<string, uint>();
        foreach (var queue in (await QueuesAsync()).Where(queue => queue.Name.EndsWith("_error", StringComparison.Ordinal) || queue.Name.EndsWith("_skipped", StringComparison.Ordinal)))
        {
            parked[queue.Name] = await bus.ReadyMessagesAsync(queue.Name);
        }

        return parked;
    }

    /// <summary>The AppHost's resource of the node that leads the most quorum queues.</summary>
    public async Task<string> LeadingMostAsync()
    {
        var leader = (await QueuesAsync()).Where(queue => queue.Type == "quorum").GroupBy(queue => queue.Leader).MaxBy(group => group.Count())!.Key;
        var number = int.Parse(leader["jingong-".Length..leader.IndexOf('@', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        return number == 1 ? "messaging" : $"messaging-{number}";
    }

    private async Task<string> CtlAsync(params string[] arguments)
    {
        var failures = new List<string>();
        for (var number = 1; number <= Nodes; number++)
        {
            var node = Path.Combine(system.DataDirectory, "rabbitmq-cluster", $"node-{number}");
            using var ctl = Process.Start(new ProcessStartInfo("setpriv",
            [
                "--reuid=rabbitmq", "--regid=rabbitmq", "--init-groups", "env", $"HOME={node}/home",
                $"ERL_EPMD_PORT={(await File.ReadAllTextAsync(Path.Combine(node, "epmd.port"))).Trim()}", "ERL_ZFLAGS=-start_epmd false",
                "/usr/lib/rabbitmq/bin/rabbitmqctl", "-q", "-n", $"jingong-{number}@localhost", .. arguments,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = ctl.StandardOutput.ReadToEndAsync();
            var error = ctl.StandardError.ReadToEndAsync();
            await ctl.WaitForExitAsync();
            if (ctl.ExitCode == 0)
            {
                return await output;
            }

            failures.Add($"jingong-{number}: {await error}");
        }

        throw new InvalidOperationException($"No node of the cluster answered rabbitmqctl {string.Join(' ', arguments)}: {string.Join("; ", failures)}");
    }
}
