using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Publishing;

/// <summary>
/// A steady stream of writes through the gateway, as the yard's forms keep coming during a fault: every tick registers a
/// vehicle and opens maintenance on one registered a few ticks before (a status change that dispatch and orders both
/// follow). It records which writes were acknowledged (2xx); a write that failed or timed out may or may not be stored.
/// </summary>
internal sealed class WriteStream : IAsyncDisposable
{
    private const int MaintenanceLag = 3;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
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
    public sealed record Write(Kind Kind, string VehicleCode, DateTimeOffset At, HttpStatusCode? Status, string Answer)
    {
        public bool Acknowledged => Status is { } status && (int)status is >= 200 and < 300;
    }

    public static WriteStream Start(HttpClient gateway, TimeSpan interval) => new(gateway, interval);

    public IReadOnlyList<Write> Writes => [.. writes];

    /// <summary>Waits until <paramref name="count"/> writes sent at or after <paramref name="since"/> were acknowledged.</summary>
    public Task WaitForAcknowledgedAsync(int count, DateTimeOffset since, TimeSpan deadline, string what) =>
        Eventually.ReturnsAsync(_ => Task.FromResult(writes.Count(write => write.Acknowledged && write.At >= since)), acknowledged => acknowledged >= count, deadline, what);

    /// <summary>Waits until a write sent at or after <paramref name="since"/> was not acknowledged (an error or no answer).</summary>
    public Task WaitForRefusedAsync(DateTimeOffset since, TimeSpan deadline, string what) =>
        Eventually.ReturnsAsync(_ => Task.FromResult(writes.Count(write => !write.Acknowledged && write.At >= since)), refused => refused > 0, deadline, what);

    /// <summary>Stops writing (the write under way finishes) and returns every write made.</summary>
    public async Task<IReadOnlyList<Write>> StopAsync()
    {
        await stop.CancelAsync();
        await writing;
        return Writes;
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
                if (await SendAsync(Kind.Registration, code, "/api/fleet/vehicles",
                    new { code, model = "XE-80", category = "excavator", region = "east", warehouse = "shanghai-1" }))
                {
                    registered.Enqueue(code);
                }

                if (registered.Count > MaintenanceLag)
                {
                    var vehicle = registered.Dequeue();
                    await SendAsync(Kind.MaintenanceOpening, vehicle, $"/api/fleet/vehicles/{vehicle}/maintenance", new { reason = "hydraulic leak" });
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> SendAsync(Kind kind, string code, string path, object body)
    {
        var at = DateTimeOffset.UtcNow;
        // Not tied to stop: a write once sent runs to its answer, so what it did is known.
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var answer = await gateway.PostAsJsonAsync(path, body, timeout.Token);
            var write = new Write(kind, code, at, answer.StatusCode, answer.IsSuccessStatusCode ? $"{(int)answer.StatusCode}" : await RefusalAsync(answer, timeout.Token));
            writes.Enqueue(write);
            return write.Acknowledged;
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && timeout.IsCancellationRequested))
        {
            writes.Enqueue(new Write(kind, code, at, null, error is OperationCanceledException ? "timeout" : error.GetType().Name));
            return false;
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
