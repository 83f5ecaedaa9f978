using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Publishing;

/// <summary>
/// A steady stream of writes through the gateway, as the yard's forms keep coming during a fault: every tick registers a
/// vehicle and opens maintenance on one registered a few ticks before (a status change that dispatch and orders both
/// follow). It records which writes were acknowledged (2xx); a write that failed or timed out may or may not be stored.
/// Each write carries an <c>Idempotency-Key</c>, so that once the stream stops, every write not acknowledged is sent
/// again with its key, as a client does after an outage: done once, whatever the first send did.
/// </summary>
internal sealed class WriteStream : IAsyncDisposable
{
    private const int MaintenanceLag = 3;
    /// <summary>How long a write waits for its answer; past that it counts as not acknowledged.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient gateway;
    private readonly ConcurrentQueue<Write> writes = new();
    private readonly Queue<string> registered = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task writing;

    private WriteStream(HttpClient gateway, TimeSpan interval)
    {
        this.gateway = gateway;
        writing = WriteAsync(interval);
    }

    public enum Kind
    {
        Registration,
        MaintenanceOpening,
    }

    /// <param name="At">When the request was sent.</param>
    /// <param name="Answer">The status the gateway answered, or why there was none.</param>
    /// <param name="Replayed">The answer was the one kept for the key: the first send had done the write.</param>
    public sealed record Write(Kind Kind, string VehicleCode, string Path, object Body, string Key, DateTimeOffset At, HttpStatusCode? Status, string Answer, bool Replayed = false)
    {
        public bool Acknowledged => Status is { } status && (int)status is >= 200 and < 300;
    }

    public static WriteStream Start(HttpClient gateway, TimeSpan interval) => new(gateway, interval);

    public IReadOnlyList<Write> Writes => [.. writes];

    /// <summary>Waits until <paramref name="count"/> writes sent at or after <paramref name="since"/> were acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, DateTimeOffset since, TimeSpan deadline, string what)
    {
        try
        {
            await Eventually.ReturnsAsync(_ => Task.FromResult(writes.Count(write => write.Acknowledged && write.At >= since)), acknowledged => acknowledged >= count, deadline, what);
        }
        catch (TimeoutException late)
        {
            // What the writes were answered says why they did not flow (refused, unanswered, or still under way).
            var answers = writes.Where(write => write.At >= since).GroupBy(write => write.Answer).Select(group => $"{group.Count()} × {group.Key}");
            throw new TimeoutException($"{late.Message}; the writes since were answered: [{string.Join(", ", answers)}]", late);
        }
    }

    /// <summary>Waits until a write sent at or after <paramref name="since"/> was not acknowledged (an error or no answer).</summary>
    public Task WaitForRefusedAsync(DateTimeOffset since, TimeSpan deadline, string what) =>
        Eventually.ReturnsAsync(_ => Task.FromResult(writes.Count(write => !write.Acknowledged && write.At >= since)), refused => refused > 0, deadline, what);

    /// <summary>
    /// Stops writing (the write under way finishes), sends every write that was not acknowledged once more with its key,
    /// and returns every write made, each as its last send answered.
    /// </summary>
    public async Task<IReadOnlyList<Write>> StopAsync()
    {
        await stop.CancelAsync();
        await writing;
        var final = new List<Write>();
        foreach (var write in writes)
        {
            final.Add(write.Acknowledged ? write : await SendAsync(write.Kind, write.VehicleCode, write.Path, write.Body, write.Key));
        }

        return final;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private async Task WriteAsync(TimeSpan interval)
    {
        using var pacing = new PeriodicTimer(interval);
        try
        {
            while (await pacing.WaitForNextTickAsync(stop.Token))
            {
                var code = FleetApi.NewCode();
                var registration = await SendAsync(Kind.Registration, code, "/api/fleet/vehicles",
                    new { code, model = "XE-80", category = "excavator", region = "east", warehouse = "wuxi-1" }, Guid.NewGuid().ToString());
                writes.Enqueue(registration);
                if (registration.Acknowledged)
                {
                    registered.Enqueue(code);
                }

                if (registered.Count > MaintenanceLag)
                {
                    var vehicle = registered.Dequeue();
                    writes.Enqueue(await SendAsync(Kind.MaintenanceOpening, vehicle, $"/api/fleet/vehicles/{vehicle}/maintenance", new { reason = "hydraulic leak" }, Guid.NewGuid().ToString()));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task<Write> SendAsync(Kind kind, string code, string path, object body, string key)
    {
        var at = DateTimeOffset.UtcNow;
        // Not tied to stop: a write once sent runs to its answer, so what it did is known.
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var answer = await gateway.SendWithKeyAsync(HttpMethod.Post, path, body, key, timeout.Token);
            return new Write(
                kind, code, path, body, key, at, answer.StatusCode, answer.IsSuccessStatusCode ? $"{(int)answer.StatusCode}" : await RefusalAsync(answer, timeout.Token),
                answer.Headers.Contains("Idempotent-Replayed"));
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && timeout.IsCancellationRequested))
        {
            return new Write(kind, code, path, body, key, at, null, error is OperationCanceledException ? "timeout" : error.GetType().Name);
        }
    }

    // "503 service-unavailable": the status and the problem's type, or the status alone when the body is not a problem.
    private static async Task<string> RefusalAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        var problem = answer.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await answer.Content.ReadFromJsonAsync<ProblemType>(cancellationToken)
            : null;
        return $"{(int)answer.StatusCode} {problem?.Type?.Split('/')[^1]}".TrimEnd();
    }

    private sealed record ProblemType(string? Type);
}
