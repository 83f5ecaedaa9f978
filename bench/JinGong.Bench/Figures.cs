using System.Text.Json.Serialization;

namespace JinGong.Bench;

/// <summary>A rate and its latency: operations per second, the median and 99th percentile in milliseconds.</summary>
public sealed record Throughput(string What, long Operations, long Errors, double Seconds, double PerSecond, double P50Ms, double P99Ms);

/// <summary>One measured figure beside the baseline measured in the same run, and the target ratio between them.</summary>
public sealed record Comparison(string Figure, string Measured, string Baseline, double Ratio, string Target, bool Met);

/// <summary>A process's proportional set size (shared pages split among their users), idle and at its peak under load.</summary>
public sealed record ProcessMemory(string Resource, double IdleMiB, double LoadMiB);

/// <summary>A statement PostgreSQL ran during a profiled run: in which database, how often and how long per operation.</summary>
public sealed record StatementCost(string Database, string Statement, long Calls, double CallsPerOperation, double MsPerOperation);

/// <summary>What the figures depend on besides the code: the machine, the build, the runtime and PostgreSQL's durability.</summary>
public sealed record BenchEnvironment(
    int Cores, double MemoryGiB, string BuildConfiguration, bool ServicesUseServerGc, double FsyncMs, string SynchronousCommit,
    IReadOnlyDictionary<string, double> IdleCpuMsPerSecond);

/// <summary>Everything one run measured, as printed and as saved for a later run to compare with.</summary>
public sealed record BenchReport(
    DateTimeOffset At,
    bool Quick,
    BenchEnvironment Environment,
    IReadOnlyList<WriteFigure> Writes,
    IReadOnlyList<Throughput> Reads,
    IReadOnlyList<Throughput> Publication,
    IReadOnlyList<Throughput> Bus,
    IReadOnlyList<Throughput> Rebuilds,
    IReadOnlyList<ProcessMemory> Memory,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyList<StatementCost> Statements,
    IReadOnlyList<WriteRound> WriteRounds)
{
    [JsonIgnore]
    public bool AllTargetsMet => Comparisons.All(comparison => comparison.Met);

    /// <summary>Telematics readings accepted per second, by batch size.</summary>
    public IReadOnlyList<IngestionFigure> Ingestion { get; init; } = [];

    /// <summary>A vehicle-year's path read back.</summary>
    public TrajectoryFigure? YearPath { get; init; }
}
