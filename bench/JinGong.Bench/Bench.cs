using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace JinGong.Bench;

/// <summary>
/// How long and how often: <c>--quick</c> is a fast check (≤ 4 minutes on 2 cores) that prints the same tables from fewer,
/// shorter rounds; the full run (≤ 15 minutes) is what targets are judged on.
/// </summary>
/// <param name="TelematicsOnly">Only the telematics figures (<c>--telematics-only</c>): a look at them alone, judged as in a full run.</param>
public sealed record BenchSettings(
    bool Quick, TimeSpan Duration, int Rounds, IReadOnlyList<int> Concurrencies, int RebuildEvents, int LatencySamples, int BusMessages,
    bool TelematicsOnly = false)
{
    public static BenchSettings From(string[] args)
    {
        var quick = args.Contains("--quick");
        int Setting(string name, int full, int fast) =>
            Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : quick ? fast : full;
        return new(
            quick, TimeSpan.FromSeconds(Setting("seconds", 8, 3)), Setting("rounds", 5, 2), [8, 32],
            Setting("events", 300_000, 40_000), Setting("samples", 2_000, 400), Setting("messages", 20_000, 4_000), args.Contains("--telematics-only"));
    }
}

/// <summary>The run: each figure measured one after the other (never two loads at once on two cores), then compared.</summary>
public static class Bench
{
    private const int AtConcurrency = 32;

    public static async Task<BenchReport> RunAsync(BenchSystem system, BenchSettings settings, CancellationToken cancellationToken)
    {
        // The quick check idles half as long: its idle figures are a glance, the full run's are the ones to compare.
        var idleFor = TimeSpan.FromSeconds(settings.Quick ? 10 : 20);
        Progress($"system up; settling, then {idleFor.TotalSeconds} s idle for idle memory and the processes' idle CPU");
        await system.SettleAsync(cancellationToken);
        var idleFrom = system.CpuMs();
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(idleFor, cancellationToken);
        var idleCpu = system.CpuMs().ToDictionary(process => process.Key, process => Math.Round((process.Value - idleFrom[process.Key]) / idleWatch.Elapsed.TotalSeconds, 2));
        var idle = system.MemoryMiB();
        var environment = await EnvironmentAsync(system, idleCpu, cancellationToken);

        // One token for every HTTP run: each request is checked (signature, issuer, audience, lifetime) on the way in.
        var accessToken = await system.AccessTokenAsync(cancellationToken);
        if (settings.TelematicsOnly)
        {
            var (onlyIngestion, onlyPath) = await TelematicsAsync(system, settings, accessToken, idleCpu, cancellationToken);
            return new BenchReport(
                DateTimeOffset.UtcNow, settings.Quick, environment, [], [], [], [], [], [], TelematicsComparisons(onlyIngestion, onlyPath), [], [])
            {
                Ingestion = onlyIngestion,
                YearPath = onlyPath,
            };
        }

        var baselineDatabase = await system.BaselineDatabaseAsync(cancellationToken);
        WriteVariant[] variants =
        [
            VehicleWrites.OverHttp("through the gateway", system.Gateway, accessToken),
            VehicleWrites.OverHttp("straight to fleet", system.Fleet, accessToken),
            await VehicleWrites.InProcessMartenAsync(baselineDatabase),
            await VehicleWrites.PlainInsertsAsync(baselineDatabase, cancellationToken),
        ];
        var peak = new PeakMemory(system);
        var (writes, rounds) = await new WriteRounds(system, idleCpu).MeasureAsync(variants, settings.Concurrencies, settings.Rounds, settings.Duration, cancellationToken);
        var underLoad = await peak.StopAsync();
        WriteFigure Write(string variant) => writes.Single(figure => figure.Variant == variants.Single(v => v.Name.StartsWith(variant, StringComparison.Ordinal)).Name && figure.Clients == AtConcurrency);

        Progress($"where PostgreSQL's time goes: registrations through the gateway, {AtConcurrency} clients, statement statistics reset before");
        var (_, statements) = await system.StatementProfileAsync(variants[0], AtConcurrency, settings.Duration, cancellationToken);

        Progress("one signed-in reader through the gateway, then straight to fleet");
        var readThroughGateway = await VehicleWrites.OneReaderAsync("one reader through the gateway", system.Gateway, accessToken, settings.Duration, cancellationToken);
        var readStraight = await VehicleWrites.OneReaderAsync("one reader straight to fleet", system.Fleet, accessToken, settings.Duration, cancellationToken);
        var addedMs = Math.Round(readThroughGateway.P50Ms - readStraight.P50Ms, 2);

        // Append → consumed at fixed shares of what the gateway took at 32 clients, and at 200/s; 75 % last, since it
        // overloads the consumers (the gateway's closed-loop capacity leaves out their work) and leaves them a backlog.
        var capacity = Write("through the gateway").PerSecond;
        var publication = new List<(string Share, PublicationLatency.Hops Figure)>();
        foreach (var (share, rate) in new[] { ("25 %", capacity / 4), ("50 %", capacity / 2), ("200/s", 200d), ("75 %", capacity * 3 / 4) })
        {
            var perSecond = (int)Math.Max(10, Math.Round(rate));
            var duration = TimeSpan.FromSeconds(Math.Max(5, settings.LatencySamples / (double)perSecond));
            Progress($"append → consumed at {perSecond}/s ({share} of capacity {capacity:0}/s) for {duration.TotalSeconds:0} s");
            publication.Add((share, await PublicationLatency.MeasureAsync(system, perSecond, duration, cancellationToken)));
        }

        await system.SettleAsync(cancellationToken);
        var (ingestion, yearPath) = await TelematicsAsync(system, settings, accessToken, idleCpu, cancellationToken);

        var broker = await system.ConnectionStringAsync("messaging");
        Progress($"bus: {settings.BusMessages} messages through MassTransit, then raw RabbitMQ.Client");
        await system.SettleAsync(cancellationToken);
        var massTransit = await BusThroughput.MassTransitAsync(broker, settings.BusMessages, cancellationToken);
        var raw = await BusThroughput.RawClientAsync(broker, settings.BusMessages, cancellationToken);

        Progress($"rebuilds over {settings.RebuildEvents:N0} events (appending them first)");
        // The consumers may still drain the runs above (an overloaded latency run leaves seconds of backlog).
        await system.SettleAsync(cancellationToken);
        var (append, rebuilds) = await RebuildRate.MeasureAsync(baselineDatabase, settings.RebuildEvents, cancellationToken);

        var memory = BenchSystem.Resources.Select(resource => new ProcessMemory(resource, idle[resource], underLoad[resource])).ToList();
        var trivial = rebuilds.Single(rebuild => rebuild.What == RebuildRate.TrivialRebuild);
        var idleGiB = memory.Sum(process => process.IdleMiB) / 1024;
        var gateway = Write("through the gateway");
        var straight = Write("straight to fleet");
        var latencyAt = publication.ToDictionary(point => point.Share, point => point.Figure.AppendToConsumed);
        List<Comparison> comparisons =
        [
            .. settings.Concurrencies.SelectMany(clients => new[]
            {
                Ratio($"in-process Marten ÷ plain INSERT, {clients} clients", Of(writes, "in-process", clients), Of(writes, "plain", clients), 0.20),
                Ratio($"fleet write ÷ in-process Marten, {clients} clients", Of(writes, "straight", clients), Of(writes, "in-process", clients), 0.6),
                Ratio($"gateway ÷ straight to fleet, {clients} clients", Of(writes, "through", clients), Of(writes, "straight", clients), 0.85),
            }),
            new($"fleet write rate's spread over rounds, {AtConcurrency} clients", $"±{straight.SpreadPercent:0.0} %", $"{straight.PerSecond:N0}/s",
                straight.SpreadPercent / 10, "≤ ±10 %", straight.SpreadPercent <= 10),
            new($"CPU per registration through the gateway, all processes, {AtConcurrency} clients", $"{gateway.CpuMsPerOperation:0.00} ms",
                $"{Of(writes, "plain", AtConcurrency).CpuMsPerOperation:0.00} ms floor", Math.Round(gateway.CpuMsPerOperation / 1.5, 2), "≤ 1.5 ms", gateway.CpuMsPerOperation <= 1.5),
            Latency("append → consumed p99 at 25 % of capacity", latencyAt["25 %"], null),
            Latency("append → consumed p99 at 50 % of capacity", latencyAt["50 %"], 30),
            Latency("append → consumed p99 at 75 % of capacity", latencyAt["75 %"], null),
            Latency("append → consumed p99 at 200/s", latencyAt["200/s"], 50),
            new("gateway's added latency, one signed-in reader (p50)", $"{addedMs:0.00} ms", $"{readStraight.P50Ms:0.00} ms straight",
                Math.Round(readThroughGateway.P50Ms / readStraight.P50Ms, 2), "reported", readThroughGateway.Errors == 0 && readStraight.Errors == 0),
            BusRatio(massTransit, raw),
            .. rebuilds.Where(rebuild => !rebuild.What.StartsWith($"rebuild {nameof(EventTally)}", StringComparison.Ordinal))
                .Select(rebuild => BusRatio(rebuild, trivial) with { Figure = $"{rebuild.What} ÷ trivial tally", Target = "≥ 0.9×", Met = rebuild.PerSecond / trivial.PerSecond >= 0.9 && rebuild.Errors == 0 }),
            new("whole system idle (PSS)", $"{idleGiB:0.00} GiB", "—", Math.Round(idleGiB / 1.2, 2), "≤ 1.2 GiB", idleGiB <= 1.2),
            .. TelematicsComparisons(ingestion, yearPath),
        ];
        return new BenchReport(
            DateTimeOffset.UtcNow, settings.Quick, environment, writes, [readThroughGateway, readStraight], publication.SelectMany(point => point.Figure.Parts.Prepend(point.Figure.AppendToConsumed)).ToList(),
            [massTransit, raw], [append, .. rebuilds], memory, comparisons, statements, rounds)
        {
            Ingestion = ingestion,
            YearPath = yearPath,
        };
    }

    private static async Task<(IReadOnlyList<IngestionFigure> Ingestion, TrajectoryFigure YearPath)> TelematicsAsync(
        BenchSystem system, BenchSettings settings, string accessToken, IReadOnlyDictionary<string, double> idleCpu, CancellationToken cancellationToken)
    {
        var ingestion = await Telematics.IngestionAsync(system, accessToken, AtConcurrency, settings.Duration, idleCpu, cancellationToken);
        await system.SettleAsync(cancellationToken);
        var yearPath = await Telematics.YearPathAsync(system, accessToken, reads: settings.Quick ? 5 : 10, cancellationToken);
        return (ingestion, yearPath);
    }

    /// <summary>Issue 27's targets: ≥ 10,000 readings/s through the gateway with batches of 100, and a vehicle-year's path in ≤ 150 ms.</summary>
    private static List<Comparison> TelematicsComparisons(IReadOnlyList<IngestionFigure> ingestion, TrajectoryFigure yearPath)
    {
        var hundreds = ingestion.Single(figure => figure.BatchSize == 100);
        var ones = ingestion.Single(figure => figure.BatchSize == 1);
        return
        [
            new($"readings/s through the gateway, batches of 100, {hundreds.Clients} units", $"{hundreds.ReadingsPerSecond:N0}/s",
                $"{ones.ReadingsPerSecond:N0}/s in 1s", Math.Round(hundreds.ReadingsPerSecond / 10_000, 2), "≥ 10,000/s",
                hundreds.ReadingsPerSecond >= 10_000 && hundreds.Errors == 0),
            new("CPU per reading through the gateway, batches of 100, all processes", $"{hundreds.CpuMsPerReading * 1000:0} µs",
                $"{ones.CpuMsPerReading * 1000:0} µs in 1s", Math.Round(hundreds.CpuMsPerReading / ones.CpuMsPerReading, 2), "reported", hundreds.Errors == 0),
            new($"a vehicle-year's path ({yearPath.Readings:N0} readings → {yearPath.Points:N0} points), p50 of {yearPath.Reads}",
                $"{yearPath.P50Ms:0} ms (worst {yearPath.WorstMs:0})", "—", Math.Round(yearPath.P50Ms / 150, 2), "≤ 150 ms", yearPath.P50Ms <= 150),
        ];
    }

    private static WriteFigure Of(IReadOnlyList<WriteFigure> writes, string variant, int clients) =>
        writes.Single(figure => figure.Variant.StartsWith(variant, StringComparison.Ordinal) && figure.Clients == clients);

    private static Comparison Ratio(string figure, WriteFigure measured, WriteFigure baseline, double target)
    {
        var ratio = Math.Round(measured.PerSecond / baseline.PerSecond, 2);
        return new(figure, $"{measured.PerSecond:N0}/s", $"{baseline.PerSecond:N0}/s", ratio, $"≥ {target:0.00}×", ratio >= target && measured.Errors == 0);
    }

    private static Comparison BusRatio(Throughput measured, Throughput baseline) =>
        new($"{measured.What} ÷ {baseline.What}", $"{measured.PerSecond:N0}/s", $"{baseline.PerSecond:N0}/s", Math.Round(measured.PerSecond / baseline.PerSecond, 2), "reported", measured.Errors == 0);

    private static Comparison Latency(string figure, Throughput measured, double? targetMs) =>
        new(figure, $"{measured.P99Ms:0.0} ms (p50 {measured.P50Ms:0.0})", $"{measured.Operations} samples", Math.Round(measured.P99Ms / (targetMs ?? 50), 2),
            targetMs is null ? "reported" : $"≤ {targetMs} ms", (targetMs is null || measured.P99Ms <= targetMs) && measured.Errors == 0);

    private static async Task<BenchEnvironment> EnvironmentAsync(BenchSystem system, IReadOnlyDictionary<string, double> idleCpu, CancellationToken cancellationToken)
    {
        var configuration = typeof(Bench).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
        // Fleet's runtime configuration, as built for the system this run started (the same configuration as the bench).
        var runtimeConfig = Path.Combine(BenchSystem.RepositoryRoot, "services", "Fleet", "JinGong.Fleet", "bin", configuration, "net10.0", "JinGong.Fleet.runtimeconfig.json");
        var serverGc = File.Exists(runtimeConfig)
            && JsonDocument.Parse(await File.ReadAllTextAsync(runtimeConfig, cancellationToken)).RootElement.GetProperty("runtimeOptions")
                .TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean();
        await using var fleet = new NpgsqlConnection(await system.ConnectionStringAsync("fleetdb"));
        await fleet.OpenAsync(cancellationToken);
        await using var show = new NpgsqlCommand("SHOW synchronous_commit", fleet);
        var synchronousCommit = (string)(await show.ExecuteScalarAsync(cancellationToken))!;
        return new BenchEnvironment(
            System.Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024d * 1024 * 1024), 1),
            configuration, serverGc, await FsyncMsAsync(system.DataDirectory, cancellationToken), synchronousCommit, idleCpu);
    }

    /// <summary>One fdatasync of 8 kB on the data's own disk, by PostgreSQL's pg_test_fsync: what a commit waits for at least.</summary>
    private static async Task<double> FsyncMsAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var tool = Directory.EnumerateFiles("/usr/lib/postgresql", "pg_test_fsync", SearchOption.AllDirectories).Order().LastOrDefault();
        if (tool is null)
        {
            return double.NaN;
        }

        var file = Path.Combine(dataDirectory, "bench-fsync.out");
        using var test = Process.Start(new ProcessStartInfo(tool, ["-s", "1", "-f", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await test.StandardOutput.ReadToEndAsync(cancellationToken);
        await test.WaitForExitAsync(cancellationToken);
        File.Delete(file);
        var fdatasync = Regex.Match(output, @"fdatasync\s+[\d.]+ ops/sec\s+(\d+) usecs/op");
        return fdatasync.Success ? Math.Round(int.Parse(fdatasync.Groups[1].Value, CultureInfo.InvariantCulture) / 1000d, 3) : double.NaN;
    }

    public static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {step}");
}

/// <summary>Each resource's largest proportional set size while the writes run, sampled every two seconds.</summary>
public sealed class PeakMemory
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<Dictionary<string, double>> sampling;

    public PeakMemory(BenchSystem system) => sampling = SampleAsync(system, stop.Token);

    public async Task<Dictionary<string, double>> StopAsync()
    {
        await stop.CancelAsync();
        return await sampling;
    }

    private static async Task<Dictionary<string, double>> SampleAsync(BenchSystem system, CancellationToken cancellationToken)
    {
        var peak = BenchSystem.Resources.ToDictionary(resource => resource, _ => 0d);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (resource, mib) in system.MemoryMiB())
            {
                peak[resource] = Math.Max(peak[resource], mib);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }
}
