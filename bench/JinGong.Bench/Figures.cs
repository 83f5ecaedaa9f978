using System.Text.Json.Serialization;

namespace JinGong.Bench;

/// <summary>A rate and its latency: operations per second, the median and 99th percentile in milliseconds.</summary>
public sealed record Throughput(string What, long Operations, long Errors, double Seconds, double PerSecond, double P50Ms, double P99Ms);

/// <summary>One measured figure beside the baseline measured in the same run, and the target ratio between them.</summary>
public sealed record Comparison(string Figure, string Measured, string Baseline, double Ratio, string Target, bool Met);

/// <summary>A process's proportional set size (shared pages split among their users), idle and under load.</summary>
public sealed record ProcessMemory(string Resource, double IdleMiB, double LoadMiB);

/// <summary>Everything one run measured, as printed and as saved for a later run to compare with.</summary>
public sealed record BenchReport(
    DateTimeOffset At,
    int Cores,
    double MemoryGiB,
    IReadOnlyList<Throughput> Writes,
    IReadOnlyList<Throughput> Publication,
    IReadOnlyList<Throughput> Bus,
    IReadOnlyList<Throughput> Rebuilds,
    IReadOnlyList<ProcessMemory> Memory,
    IReadOnlyList<Comparison> Comparisons)
{
    [JsonIgnore]
    public bool AllTargetsMet => Comparisons.All(comparison => comparison.Met);
}
