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
        text.AppendLine(CultureInfo.InvariantCulture, $"JinGong benchmark, {report.At:yyyy-MM-dd HH:mm} UTC, {report.Cores} cores, {report.MemoryGiB} GiB");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"measured",-62} | {"ops",9} | {"errors",6} | {"ops/s",8} | {"p50 ms",8} | {"p99 ms",8} |");
        text.AppendLine($"| {new string('-', 62)} | {new string('-', 9)} | {new string('-', 6)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 8)} |");
        foreach (var figure in report.Writes.Concat(report.Publication).Concat(report.Bus).Concat(report.Rebuilds))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.What,-62} | {figure.Operations,9} | {figure.Errors,6} | {figure.PerSecond,8:0} | {figure.P50Ms,8:0.0} | {figure.P99Ms,8:0.0} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"process (PSS, MiB)",-20} | {"idle",8} | {"load",8} |");
        text.AppendLine($"| {new string('-', 20)} | {new string('-', 8)} | {new string('-', 8)} |");
        foreach (var process in report.Memory)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {process.Resource,-20} | {process.IdleMiB,8:0.0} | {process.LoadMiB,8:0.0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| {"whole system",-20} | {report.Memory.Sum(p => p.IdleMiB),8:0.0} | {report.Memory.Sum(p => p.LoadMiB),8:0.0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"figure",-58} | {"measured",-20} | {"baseline",-10} | {"ratio",6} | {"target",-10} | {"met",-3} |");
        text.AppendLine($"| {new string('-', 58)} | {new string('-', 20)} | {new string('-', 10)} | {new string('-', 6)} | {new string('-', 10)} | --- |");
        foreach (var comparison in report.Comparisons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {comparison.Figure,-58} | {comparison.Measured,-20} | {comparison.Baseline,-10} | {comparison.Ratio,6:0.00} | {comparison.Target,-10} | {(comparison.Met ? "yes" : "NO"),-3} |");
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
