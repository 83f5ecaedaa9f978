using JinGong.Contracts.Knowledge;
using JinGong.Contracts.Orders;
using Marten;
using MassTransit;

namespace JinGong.Knowledge.Catalogue;

/// <summary>
/// Asks orders for the whole catalogue once the bus has started, and again every <see cref="Every"/> until orders has
/// shown it: the knowledge base joins systems whose models were listed before its queue was bound (and may start before
/// orders does, whose consumer would then miss a single request). Each start asks once more, so a copy that missed a
/// message while the service was away is mended too. It observes the bus rather than running beside it, since nothing
/// may be published before the bus is up.
/// </summary>
public sealed partial class CatalogueRequester(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CatalogueRequester> logger) : IBusObserver, IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource stopping = new();
    private Task asking = Task.CompletedTask;

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

    public void Dispose() => stopping.Dispose();

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
                if (await scope.ServiceProvider.GetRequiredService<IQuerySession>().LoadAsync<CatalogueCopy>(CatalogueCopy.Key, cancellationToken) is { } copy
                    && copy.ShownAt >= started)
                {
                    return;
                }

                await bus.Publish(new CatalogueRequested("knowledge", clock.GetUtcNow()), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database or the broker is not reachable just now: asked again at the next tick.
                LogNotAsked(logger, error);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask orders for the catalogue; asking again shortly")]
    private static partial void LogNotAsked(ILogger logger, Exception error);
}
