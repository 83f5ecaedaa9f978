using System.Collections.Concurrent;
using System.Diagnostics;

namespace JinGong.Bench;

/// <summary>Latencies of operations run by many clients at once, and the rate they achieved.</summary>
public sealed class Latencies
{
    // Numbers operations across every loop of the run (a warm-up included), so no two write the same key.
    private static long operations;

    private readonly ConcurrentBag<double> milliseconds = [];
    private long errors;

    public void Add(TimeSpan latency) => milliseconds.Add(latency.TotalMilliseconds);

    public void Fail() => Interlocked.Increment(ref errors);

    /// <summary>Counts a failed operation; the first failure of a run is told, so an error count is never a mystery.</summary>
    public void Fail(Exception error)
    {
        if (Interlocked.Increment(ref errors) == 1)
        {
            Console.Error.WriteLine($"first failure: {error.GetType().Name}: {error.Message}");
        }
    }

    public static double Percentile(IReadOnlyList<double> sorted, double percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public Throughput Summarize(string what, TimeSpan elapsed)
    {
        var sorted = milliseconds.Order().ToList();
        return new Throughput(
            what, sorted.Count, Interlocked.Read(ref errors), Math.Round(elapsed.TotalSeconds, 1), Math.Round(sorted.Count / elapsed.TotalSeconds),
            Math.Round(Percentile(sorted, 50), 2), Math.Round(Percentile(sorted, 99), 2));
    }

    /// <summary>
    /// <paramref name="clients"/> clients each running <paramref name="operation"/> back to back for
    /// <paramref name="duration"/> (closed loop: a client sends its next operation when the last one answered).
    /// </summary>
    public static async Task<Throughput> ClosedLoopAsync(
        string what, int clients, TimeSpan duration, Func<long, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(Interlocked.Increment(ref operations), cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started));
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    latencies.Fail(error);
                }
            }
        }));
        return latencies.Summarize(what, watch.Elapsed);
    }
}
