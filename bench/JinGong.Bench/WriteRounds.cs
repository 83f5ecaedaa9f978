using System.Globalization;

namespace JinGong.Bench;

/// <summary>One way of registering vehicles, run by <c>clients</c> clients for a while.</summary>
public sealed record WriteVariant(string Name, Func<int, TimeSpan, CancellationToken, Task<Throughput>> RunAsync);

/// <summary>One variant's run in one round: its rate and latency, and the CPU each process spent per operation on it.</summary>
public sealed record WriteRound(
    string Variant, int Clients, int Round, Throughput Throughput, double CpuMsPerOperation, IReadOnlyDictionary<string, double> CpuMsPerOperationByProcess,
    double StealPercent, double ForeignCores, bool Rejected);

/// <summary>A variant at one concurrency over every round: medians, and the spread of the rate (min–max).</summary>
public sealed record WriteFigure(
    string Variant, int Clients, int Rounds, int RejectedRounds, long Errors, double PerSecond, double MinPerSecond, double MaxPerSecond,
    double P50Ms, double P99Ms, double CpuMsPerOperation, IReadOnlyDictionary<string, double> CpuMsPerOperationByProcess)
{
    /// <summary>The rate's spread around its median, in percent: what the figure is worth run to run.</summary>
    public double SpreadPercent => PerSecond == 0 ? 0 : Math.Round(100 * (MaxPerSecond - MinPerSecond) / 2 / PerSecond, 1);
}

/// <summary>
/// Every write variant at each concurrency, in rounds whose order rotates (no variant always runs first, on a cold
/// cache, or last, on a heap the others filled), each after the system has settled: the previous run's events all
/// published and consumed and the machine idle. Each run's CPU is taken from <c>/proc</c> for every process of the system
/// from its start until the system settled again, so work done after the answer (publication, consumers) is counted,
/// less what the processes spend idle. A round where the hypervisor stole more than 5 % of the CPU, or something outside
/// the system used more than a quarter of the machine, is rejected from the medians (kept in the JSON).
/// </summary>
public sealed class WriteRounds(BenchSystem system, IReadOnlyDictionary<string, double> idleCpuMsPerSecond)
{
    private const double MaxStealPercent = 5;
    private const double MaxForeignShare = 0.25;

    public async Task<(IReadOnlyList<WriteFigure> Figures, IReadOnlyList<WriteRound> Rounds)> MeasureAsync(
        IReadOnlyList<WriteVariant> variants, IReadOnlyList<int> concurrencies, int rounds, TimeSpan duration, CancellationToken cancellationToken)
    {
        var all = new List<WriteRound>();
        foreach (var clients in concurrencies)
        {
            // The first warm-up is a round's length: the processes still compile their hot paths (the first gateway
            // round after a 3 s warm-up cost 16–17 ms of CPU per registration, the next ones 5).
            var warmUp = clients == concurrencies[0] ? duration : TimeSpan.FromSeconds(3);
            foreach (var variant in variants)
            {
                Bench.Progress($"warm-up: {variant.Name}, {clients} clients");
                await variant.RunAsync(clients, warmUp, cancellationToken);
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var variant in variants.Skip(round % variants.Count).Concat(variants.Take(round % variants.Count)))
                {
                    all.Add(await RunAsync(variant, clients, round, duration, cancellationToken));
                }
            }
        }

        var figures = all.GroupBy(run => (run.Variant, run.Clients)).Select(Summarize).ToList();
        return (figures, all);
    }

    private async Task<WriteRound> RunAsync(WriteVariant variant, int clients, int round, TimeSpan duration, CancellationToken cancellationToken)
    {
        await system.SettleAsync(cancellationToken);
        var before = system.CpuMs();
        var machineBefore = MachineCpu.Now();
        var started = DateTimeOffset.UtcNow;
        var throughput = await variant.RunAsync(clients, duration, cancellationToken);
        await system.SettleAsync(cancellationToken);
        var after = system.CpuMs();
        var machine = MachineCpu.Now() - machineBefore;
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;

        var operations = Math.Max(1, throughput.Operations);
        var spent = after.ToDictionary(
            process => process.Key,
            process => Math.Max(0, process.Value - before.GetValueOrDefault(process.Key) - idleCpuMsPerSecond.GetValueOrDefault(process.Key) * seconds));
        var byProcess = spent.ToDictionary(process => process.Key, process => Math.Round(process.Value / operations, 3));
        // What the machine did beyond the system's processes and the load generator: another load, a build beside the run.
        var foreignCores = Math.Max(0, machine.BusyMs - after.Sum(process => process.Value - before.GetValueOrDefault(process.Key))) / 1000 / seconds;
        var rejected = machine.StealPercent > MaxStealPercent || foreignCores > MaxForeignShare * Environment.ProcessorCount;
        // The system's CPU per operation: every process but the load generator, which stands for the clients.
        var systemMs = spent.Where(process => process.Key != BenchSystem.LoadGenerator).Sum(process => process.Value);
        var run = new WriteRound(variant.Name, clients, round, throughput, Math.Round(systemMs / operations, 3), byProcess, machine.StealPercent, Math.Round(foreignCores, 2), rejected);
        Bench.Progress(string.Create(CultureInfo.InvariantCulture,
            $"  round {round + 1}, {clients} clients, {variant.Name}: {throughput.PerSecond:N0}/s ({throughput.Errors} errors), {run.CpuMsPerOperation:0.00} ms CPU/op, steal {machine.StealPercent:0.0} %, foreign {foreignCores:0.00} cores{(rejected ? " — rejected" : "")}"));
        return run;
    }

    private static WriteFigure Summarize(IGrouping<(string Variant, int Clients), WriteRound> runs)
    {
        // A run with every round noisy still gets its figure, from all of them (the JSON says how many were rejected).
        var kept = runs.Where(run => !run.Rejected).ToList() is { Count: >= 2 } quiet ? quiet : runs.ToList();
        var rates = kept.Select(run => run.Throughput.PerSecond).ToList();
        return new WriteFigure(
            runs.Key.Variant, runs.Key.Clients, runs.Count(), runs.Count(run => run.Rejected), runs.Sum(run => run.Throughput.Errors),
            Median(rates), rates.Min(), rates.Max(),
            Median(kept.Select(run => run.Throughput.P50Ms)), Median(kept.Select(run => run.Throughput.P99Ms)),
            Median(kept.Select(run => run.CpuMsPerOperation)),
            kept[0].CpuMsPerOperationByProcess.Keys.ToDictionary(process => process, process => Median(kept.Select(run => run.CpuMsPerOperationByProcess[process]))));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 3);
    }
}

/// <summary>The whole machine's CPU from <c>/proc/stat</c>: time busy and time stolen by the hypervisor.</summary>
public readonly record struct MachineCpu(double BusyMs, double StealMs, double TotalMs)
{
    public double StealPercent => TotalMs == 0 ? 0 : Math.Round(100 * StealMs / TotalMs, 1);

    public static MachineCpu Now()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user already)
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture) * 10d).ToArray();
        var (idle, iowait, steal) = (ticks[3], ticks[4], ticks[7]);
        return new(ticks.Sum() - idle - iowait - steal, steal, ticks.Sum());
    }

    public static MachineCpu operator -(MachineCpu later, MachineCpu earlier) =>
        new(later.BusyMs - earlier.BusyMs, later.StealMs - earlier.StealMs, later.TotalMs - earlier.TotalMs);
}
