using System.Globalization;

namespace JinGong.Bench;

public sealed record BenchSettings(TimeSpan Duration, int Clients, int RebuildEvents, int AppendsPerSecond, int BusMessages)
{
    public static BenchSettings From(string[] args)
    {
        int Setting(string name, int fallback) =>
            Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        return new(TimeSpan.FromSeconds(Setting("seconds", 20)), Setting("clients", 64), Setting("events", 1_000_000), Setting("rate", 200), Setting("messages", 20_000));
    }
}

/// <summary>The run: each figure measured one after the other (never two loads at once on two cores), then compared.</summary>
public static class Bench
{
    public static async Task<BenchReport> RunAsync(BenchSystem system, BenchSettings settings, CancellationToken cancellationToken)
    {
        Progress($"system up; idling 20 s before measuring idle memory");
        await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
        var idle = system.MemoryMiB();
        // One token for both HTTP runs: each request is checked (signature, issuer, audience, lifetime) on the way in.
        var accessToken = await system.AccessTokenAsync(cancellationToken);

        Progress($"vehicle writes: {settings.Clients} clients × {settings.Duration.TotalSeconds:0} s, through the gateway");
        var throughGateway = VehicleWrites.OverHttpAsync("through the gateway", system.Gateway, accessToken, settings.Clients, settings.Duration, cancellationToken);
        await Task.Delay(settings.Duration / 2 + TimeSpan.FromSeconds(3), cancellationToken);
        var underLoad = system.MemoryMiB();
        var gateway = await throughGateway;
        Progress("straight to fleet");
        var direct = await VehicleWrites.OverHttpAsync("straight to fleet", system.Fleet, accessToken, settings.Clients, settings.Duration, cancellationToken);
        var fleetDatabase = await system.ConnectionStringAsync("fleetdb");
        Progress("in-process Marten");
        var inProcess = await VehicleWrites.InProcessMartenAsync(fleetDatabase, settings.Clients, settings.Duration, cancellationToken);
        Progress("plain PostgreSQL inserts");
        var floor = await VehicleWrites.PlainInsertsAsync(fleetDatabase, settings.Clients, settings.Duration, cancellationToken);
        Progress("one signed-in reader through the gateway, then straight to fleet");
        var readThroughGateway = await VehicleWrites.OneReaderAsync("one reader through the gateway", system.Gateway, accessToken, settings.Duration, cancellationToken);
        var readStraight = await VehicleWrites.OneReaderAsync("one reader straight to fleet", system.Fleet, accessToken, settings.Duration, cancellationToken);
        var addedMs = Math.Round(readThroughGateway.P50Ms - readStraight.P50Ms, 2);

        Progress($"append → consumed at {settings.AppendsPerSecond}/s");
        var publication = await PublicationLatency.MeasureAsync(system, settings.AppendsPerSecond, settings.Duration, cancellationToken);
        // The same path at a quarter of what fleet took straight: where 200/s is near the machine's capacity (a slow day),
        // the figure above is queueing; this one is the path itself.
        var lightRate = (int)Math.Max(10, Math.Round(direct.PerSecond / 4));
        Progress($"append → consumed at {lightRate}/s (a quarter of fleet's measured capacity)");
        var lightPublication = await PublicationLatency.MeasureAsync(system, lightRate, settings.Duration, cancellationToken);

        var broker = await system.ConnectionStringAsync("messaging");
        Progress($"bus: {settings.BusMessages} messages through MassTransit, then raw RabbitMQ.Client");
        var massTransit = await BusThroughput.MassTransitAsync(broker, settings.BusMessages, cancellationToken);
        var raw = await BusThroughput.RawClientAsync(broker, settings.BusMessages, cancellationToken);

        Progress($"rebuilds over {settings.RebuildEvents:N0} events (appending them first)");
        var (append, rebuilds) = await RebuildRate.MeasureAsync(fleetDatabase, settings.RebuildEvents, cancellationToken);

        var memory = BenchSystem.Resources.Select(resource => new ProcessMemory(resource, idle[resource], underLoad[resource])).ToList();
        var trivial = rebuilds.Single(rebuild => rebuild.What == RebuildRate.TrivialRebuild);
        var idleGiB = memory.Sum(process => process.IdleMiB) / 1024;
        List<Comparison> comparisons =
        [
            Ratio("vehicle writes: gateway ÷ straight to fleet", gateway, direct, 0.8),
            Ratio("vehicle writes: fleet service ÷ in-process Marten", direct, inProcess, 0.7),
            Ratio("vehicle writes: in-process Marten ÷ plain INSERT (floor)", inProcess, floor, null),
            new("gateway's added latency, one signed-in reader (p50)", $"{addedMs:0.00} ms", $"{readStraight.P50Ms:0.00} ms straight",
                Math.Round(readThroughGateway.P50Ms / readStraight.P50Ms, 2), "reported", readThroughGateway.Errors == 0 && readStraight.Errors == 0),
            new($"append → consumed p99 at {settings.AppendsPerSecond}/s", $"{publication.P99Ms:0.0} ms (p50 {publication.P50Ms:0.0})", "—", publication.P99Ms / 50, "≤ 50 ms", publication.P99Ms <= 50 && publication.Errors == 0),
            new($"append → consumed p99 at {lightRate}/s (¼ of capacity)", $"{lightPublication.P99Ms:0.0} ms (p50 {lightPublication.P50Ms:0.0})", $"{direct.PerSecond:N0}/s capacity",
                Math.Round(lightPublication.P99Ms / 50, 2), "reported", lightPublication.Errors == 0),
            Ratio("bus: MassTransit ÷ raw RabbitMQ.Client", massTransit, raw, null),
            .. rebuilds.Where(rebuild => !rebuild.What.StartsWith($"rebuild {nameof(EventTally)}", StringComparison.Ordinal))
                .Select(rebuild => Ratio($"{rebuild.What} ÷ trivial tally", rebuild, trivial, 0.8)),
            new("whole system idle (PSS)", $"{idleGiB:0.00} GiB", "—", idleGiB / 1.5, "≤ 1.5 GiB", idleGiB <= 1.5),
        ];
        return new BenchReport(
            DateTimeOffset.UtcNow, Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024d * 1024 * 1024), 1),
            [gateway, direct, inProcess, floor, readThroughGateway, readStraight], [publication, lightPublication], [massTransit, raw], [append, .. rebuilds], memory, comparisons);
    }

    private static Comparison Ratio(string figure, Throughput measured, Throughput baseline, double? target)
    {
        var ratio = Math.Round(measured.PerSecond / baseline.PerSecond, 2);
        return new(
            figure, $"{measured.PerSecond:N0}/s", $"{baseline.PerSecond:N0}/s", ratio,
            target is null ? "reported" : $"≥ {target:0.0}×", (target is null || ratio >= target) && measured.Errors == 0);
    }

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {step}");
}
