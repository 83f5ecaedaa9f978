using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JinGong.Bench;

/// <summary>The report as a table for people and as JSON for the next run to compare with.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Table(BenchReport report)
    {
        var text = new StringBuilder();
        var environment = report.Environment;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"JinGong benchmark{(report.Quick ? " (quick)" : "")}, {report.At:yyyy-MM-dd HH:mm} UTC, {environment.Cores} cores, {environment.MemoryGiB} GiB, {environment.BuildConfiguration} build, " +
            $"{(environment.ServicesUseServerGc ? "server" : "workstation")} GC, fsync {environment.FsyncMs:0.00} ms, synchronous_commit {environment.SynchronousCommit}");
        text.AppendLine();
        text.AppendLine("Writes (medians over the rounds kept; rate spread min–max; CPU ms per operation by process, idle use subtracted):");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {"variant",-44} | {"clients",7} | {"ops/s",6} | {"min–max",11} | {"p50 ms",6} | {"p99 ms",6} | {"CPU ms/op",9} | {"gateway",7} | {"fleet",6} | {"postgres",8} | {"rabbit",6} | {"others",6} | {"bench",6} | {"rounds",9} |");
        text.AppendLine($"| {new string('-', 44)} | {new string('-', 7)} | {new string('-', 6)} | {new string('-', 11)} | {new string('-', 6)} | {new string('-', 6)} | {new string('-', 9)} | {new string('-', 7)} | {new string('-', 6)} | {new string('-', 8)} | {new string('-', 6)} | {new string('-', 6)} | {new string('-', 6)} | {new string('-', 9)} |");
        foreach (var write in report.Writes)
        {
            var cpu = write.CpuMsPerOperationByProcess;
            var others = cpu.Where(process => process.Key is "orders" or "dispatch" or "okr" or "knowledge" or "identity").Sum(process => process.Value);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {write.Variant,-44} | {write.Clients,7} | {write.PerSecond,6:0} | {$"{write.MinPerSecond:0}–{write.MaxPerSecond:0}",11} | {write.P50Ms,6:0.0} | {write.P99Ms,6:0.0} | {write.CpuMsPerOperation,9:0.00} | " +
                $"{cpu.GetValueOrDefault("gateway"),7:0.00} | {cpu.GetValueOrDefault("fleet"),6:0.00} | {cpu.GetValueOrDefault("postgres"),8:0.00} | {cpu.GetValueOrDefault("messaging"),6:0.00} | {others,6:0.00} | {cpu.GetValueOrDefault("bench"),6:0.00} | " +
                $"{$"{write.Rounds - write.RejectedRounds}/{write.Rounds}{(write.Errors > 0 ? $", {write.Errors} err" : "")}",9} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"measured",-62} | {"ops",9} | {"errors",6} | {"ops/s",8} | {"p50 ms",8} | {"p99 ms",8} |");
        text.AppendLine($"| {new string('-', 62)} | {new string('-', 9)} | {new string('-', 6)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 8)} |");
        foreach (var figure in report.Reads.Concat(report.Publication).Concat(report.Bus).Concat(report.Rebuilds))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.What,-62} | {figure.Operations,9} | {figure.Errors,6} | {figure.PerSecond,8:0} | {figure.P50Ms,8:0.0} | {figure.P99Ms,8:0.0} |");
        }

        text.AppendLine();
        text.AppendLine("Telematics through the gateway (readings a minute apart, one vehicle per unit; CPU µs per reading by process, idle use subtracted):");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {"batch",6} | {"units",5} | {"batches/s",9} | {"readings/s",10} | {"p50 ms",7} | {"p99 ms",7} | {"CPU µs/reading",14} | {"gateway",7} | {"fleet",6} | {"postgres",8} | {"bench",6} | {"errors",6} |");
        text.AppendLine($"| {new string('-', 6)} | {new string('-', 5)} | {new string('-', 9)} | {new string('-', 10)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 14)} | {new string('-', 7)} | {new string('-', 6)} | {new string('-', 8)} | {new string('-', 6)} | {new string('-', 6)} |");
        foreach (var figure in report.Ingestion)
        {
            double Micro(string process) => figure.CpuMsPerReadingByProcess.GetValueOrDefault(process) * 1000;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {figure.BatchSize,6} | {figure.Clients,5} | {figure.BatchesPerSecond,9:0} | {figure.ReadingsPerSecond,10:0} | {figure.P50Ms,7:0.0} | {figure.P99Ms,7:0.0} | {figure.CpuMsPerReading * 1000,14:0.0} | " +
                $"{Micro("gateway"),7:0.0} | {Micro("fleet"),6:0.0} | {Micro("postgres"),8:0.0} | {Micro("bench"),6:0.0} | {figure.Errors,6} |");
        }

        if (report.YearPath is { } path)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"A vehicle-year's path: {path.Readings:N0} readings drawn with {path.Points:N0} points, p50 {path.P50Ms:0.0} ms, worst {path.WorstMs:0.0} ms of {path.Reads} reads.");
        }

        text.AppendLine();
        text.AppendLine("PostgreSQL's time per registration through the gateway, by statement (pg_stat_statements, until settled):");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"database",-10} | {"statement",-110} | {"calls/op",8} | {"ms/op",7} |");
        text.AppendLine($"| {new string('-', 10)} | {new string('-', 110)} | {new string('-', 8)} | {new string('-', 7)} |");
        foreach (var statement in report.Statements)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {statement.Database,-10} | {statement.Statement.Replace('|', '/'),-110} | {statement.CallsPerOperation,8:0.00} | {statement.MsPerOperation,7:0.000} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"process (PSS, MiB)",-20} | {"idle",8} | {"peak",8} | {"idle CPU ms/s",13} |");
        text.AppendLine($"| {new string('-', 20)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 13)} |");
        foreach (var process in report.Memory)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {process.Resource,-20} | {process.IdleMiB,8:0.0} | {process.LoadMiB,8:0.0} | {environment.IdleCpuMsPerSecond.GetValueOrDefault(process.Resource),13:0.0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| {"whole system",-20} | {report.Memory.Sum(p => p.IdleMiB),8:0.0} | {report.Memory.Sum(p => p.LoadMiB),8:0.0} | {report.Memory.Sum(p => environment.IdleCpuMsPerSecond.GetValueOrDefault(p.Resource)),13:0.0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"figure",-66} | {"measured",-22} | {"baseline",-16} | {"ratio",6} | {"target",-10} | {"met",-3} |");
        text.AppendLine($"| {new string('-', 66)} | {new string('-', 22)} | {new string('-', 16)} | {new string('-', 6)} | {new string('-', 10)} | --- |");
        foreach (var comparison in report.Comparisons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {comparison.Figure,-66} | {comparison.Measured,-22} | {comparison.Baseline,-16} | {comparison.Ratio,6:0.00} | {comparison.Target,-10} | {(comparison.Met ? "yes" : "NO"),-3} |");
        }

        return text.ToString();
    }

    /// <summary>Saves the report under <c>bench/results/</c>, named by its time; returns the path.</summary>
    public static async Task<string> SaveAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(Path.Combine(BenchSystem.RepositoryRoot, "bench", "results"));
        var path = Path.Combine(directory.FullName, $"bench-{report.At:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json), cancellationToken);
        return path;
    }
}
