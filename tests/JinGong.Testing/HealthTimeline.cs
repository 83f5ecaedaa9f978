using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace JinGong.Testing;

/// <summary>
/// The system's health as ops see it, sampled from the gateway's <c>/health</c> (which includes every service's) until
/// disposed, so a test can say when a fault turned it unhealthy and when it was healthy again.
/// </summary>
public sealed class HealthTimeline : IAsyncDisposable
{
    // Longer than the gateway gives each service (5 s), so a service that hangs is reported by the gateway, not guessed here.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(12);
    private readonly ConcurrentQueue<Sample> samples = new();
    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient health;
    private readonly Task watching;

    // Health needs no token: sampled without one, so a sign-in that fails during a fault (identity's database down, a
    // token renewed at the wrong moment) cannot stop the sampling the fault is measured by.
    private HealthTimeline(Uri gateway, TimeSpan interval)
    {
        health = new HttpClient { BaseAddress = gateway };
        watching = WatchAsync(interval);
    }

    /// <param name="Detail">Which checks were not healthy, or why the gateway did not answer.</param>
    public sealed record Sample(DateTimeOffset At, bool Healthy, string Detail);

    /// <summary>One turn from healthy to not: the first sample that was not healthy, and the first healthy one after it.</summary>
    public sealed record Dip(Sample Unhealthy, Sample? Back)
    {
        public override string ToString() =>
            $"{Unhealthy.Detail} at {Unhealthy.At:HH:mm:ss.fff}, back {(Back is null ? "not yet" : $"at {Back.At:HH:mm:ss.fff}")}";
    }

    public static HealthTimeline Watch(HttpClient gateway, TimeSpan interval) =>
        new(gateway.BaseAddress ?? throw new ArgumentException("The gateway client names the gateway's address.", nameof(gateway)), interval);

    /// <summary>The first dip that began at or after <paramref name="since"/>; null while health has stayed healthy.</summary>
    public Dip? DipSince(DateTimeOffset since)
    {
        var after = samples.Where(sample => sample.At >= since).ToList();
        var unhealthy = after.FirstOrDefault(sample => !sample.Healthy);
        return unhealthy is null ? null : new Dip(unhealthy, after.FirstOrDefault(sample => sample.At > unhealthy.At && sample.Healthy));
    }

    /// <summary>Waits until the latest sample is healthy.</summary>
    public Task WaitHealthyAsync(TimeSpan deadline, string what) =>
        Eventually.ReturnsAsync(_ => Task.FromResult(samples.LastOrDefault()), sample => sample?.Healthy == true, deadline, what);

    /// <summary>Waits until health has turned unhealthy since <paramref name="since"/>: the fault is what ops see.</summary>
    public Task WaitUnhealthyAsync(DateTimeOffset since, TimeSpan deadline, string what) =>
        Eventually.ReturnsAsync(_ => Task.FromResult(DipSince(since)), dip => dip is not null, deadline, what);

    /// <summary>Waits until health has turned unhealthy since <paramref name="since"/> and is healthy again.</summary>
    public async Task<Dip> DippedAndRecoveredAsync(DateTimeOffset since, TimeSpan deadline, string fault)
    {
        try
        {
            return (await Eventually.ReturnsAsync(_ => Task.FromResult(DipSince(since)), dip => dip?.Back is not null, deadline, $"health to turn unhealthy on {fault} and back"))!;
        }
        catch (TimeoutException missing)
        {
            var after = samples.Where(sample => sample.At >= since).ToList();
            throw new TimeoutException(
                $"{missing.Message}; {after.Count} samples since {since:HH:mm:ss.fff} ({after.Count(sample => !sample.Healthy)} not healthy), the sampler {(watching.IsFaulted ? $"failed: {watching.Exception}" : watching.IsCompleted ? "stopped" : "running")}; last: {samples.LastOrDefault()}",
                missing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await watching;
        stop.Dispose();
        health.Dispose();
    }

    private async Task WatchAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                samples.Enqueue(await SampleAsync());
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task<Sample> SampleAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var answer = await health.GetAsync("/health", timeout.Token);
            return Read(answer.StatusCode, await answer.Content.ReadAsStringAsync(timeout.Token));
        }
        // A connection the gateway drops mid-answer is an IOException (HttpIOException), not an HttpRequestException:
        // uncaught, it would end the sampling silently and hide the very dip a fault test waits for.
        catch (Exception error) when (error is HttpRequestException or IOException || (error is OperationCanceledException && !stop.IsCancellationRequested))
        {
            return new(DateTimeOffset.UtcNow, false, $"gateway did not answer ({error.GetType().Name})");
        }
    }

    // Anything but a health report (the gateway's 429 or 503 Problem Details, whose status is a number) is not healthy, and
    // is a sample like any other: an answer the sampler cannot read must not end the sampling.
    private static Sample Read(HttpStatusCode code, string body)
    {
        try
        {
            var report = JsonDocument.Parse(body).RootElement;
            var status = report.GetProperty("status").GetString();
            // Degraded answers 200 too, but it is not the healthy the fault must come back to.
            var failing = string.Join(", ", report.GetProperty("checks").EnumerateObject()
                .Where(check => check.Value.GetProperty("status").GetString() != "Healthy")
                .Select(check => $"{check.Name} {check.Value.GetProperty("status").GetString()}"));
            return new(DateTimeOffset.UtcNow, code == HttpStatusCode.OK && status == "Healthy", failing);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return new(DateTimeOffset.UtcNow, false, $"gateway answered {(int)code}, not a health report ({error.GetType().Name})");
        }
    }
}
