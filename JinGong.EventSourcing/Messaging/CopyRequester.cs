using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// Asks the service that owns some records to show all of them, once the bus has started and again every
/// <see cref="Every"/> until they have been shown since: a service that keeps a copy joins systems whose records were
/// published before its queue was bound (and may start before the owner does, whose consumer would then miss a single
/// request). Each start asks once more, so a copy that missed a message while the service was away is mended too. It
/// observes the bus rather than running beside it, since nothing may be published before the bus is up.
/// </summary>
public abstract partial class CopyRequester(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : IBusObserver, IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource stopping = new();
    private Task asking = Task.CompletedTask;

    /// <summary>What the copy is of, for the logs ("the catalogue").</summary>
    protected abstract string Copied { get; }

    /// <summary>Whether the owner has shown its records whole since <paramref name="started"/>.</summary>
    protected abstract Task<bool> ShownSinceAsync(IQuerySession session, DateTimeOffset started, CancellationToken cancellationToken);

    /// <summary>The request to publish, made at <paramref name="now"/>.</summary>
    protected abstract object Request(DateTimeOffset now);

    public Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        asking = AskUntilShownAsync(bus, busReady, stopping.Token);
        return Task.CompletedTask;
    }

    public async Task PreStop(IBus bus)
    {
        await stopping.CancelAsync();
        await asking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task AskUntilShownAsync(IBus bus, Task<BusReady> busReady, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        await busReady.WaitAsync(cancellationToken);
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await ShownSinceAsync(scope.ServiceProvider.GetRequiredService<IQuerySession>(), started, cancellationToken))
                {
                    return;
                }

                await bus.Publish(Request(clock.GetUtcNow()), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database or the broker is not reachable just now: asked again at the next tick.
                LogNotAsked(logger, Copied, error);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask for {Copied}; asking again shortly")]
    private static partial void LogNotAsked(ILogger logger, string copied, Exception error);
}
