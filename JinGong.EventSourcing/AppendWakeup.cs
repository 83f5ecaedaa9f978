using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JinGong.EventSourcing;

/// <summary>
/// Wakes the async daemon's high-water agent when events are appended to this database, by any replica, without ever
/// losing a wake-up. Marten's own LISTEN wake-up throws away every notification that arrived while the agent was busy
/// (it drains them before each wait), so an append committed during a high-water query waited out a whole polling
/// interval: the benchmark saw the last registrations of a burst published a second late. Here a notification that arrives while the agent is busy makes its next wait return at once, and
/// several collapse into one, so a burst costs one more query, not one per append. The notification itself is sent
/// inside each appending transaction (<see cref="NotifyingAppends"/>), as Marten's own option does.
/// </summary>
public sealed partial class AppendWakeup(NpgsqlDataSource dataSource, ILogger<AppendWakeup> logger) : IDaemonWakeup, IAsyncDisposable
{
    public const string Channel = "mt_events_appended";

    private readonly SemaphoreSlim appended = new(0, 1);
    private readonly SemaphoreSlim connecting = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    // Cleared by the receiving loop when the connection fails, read by the next wait.
    private volatile NpgsqlConnection? listening;
    private Task receiving = Task.CompletedTask;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        try
        {
            await ListenAsync(token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The database is away (a restart, a failover): poll on the agent's own interval until it is back.
            LogNotListening(logger, error, Channel);
            await Task.Delay(timeout, token);
            return;
        }

        await appended.WaitAsync(timeout, token);
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        if (listening is not null)
        {
            return;
        }

        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (listening is not null)
            {
                return;
            }

            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            connection.Notification += (_, _) => Wake();
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            listening = connection;
            // Appends made while nobody listened are looked for by the agent's next query anyway.
            Wake();
            receiving = ReceiveAsync(connection, lifetime.Token);
        }
        finally
        {
            connecting.Release();
        }
    }

    private async Task ReceiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await connection.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            // The next wait listens again on a new connection.
            LogNotListening(logger, error, Channel);
            listening = null;
            await connection.DisposeAsync();
        }
    }

    private void Wake()
    {
        try
        {
            appended.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake for the next wait: one wake-up stands for any number of appends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (listening is { } connection)
        {
            await connection.DisposeAsync();
        }

        lifetime.Dispose();
    }

    // The host disposes its services asynchronously; a synchronous dispose only stops the listening.
    public void Dispose() => lifetime.Cancel();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening on {Channel} for appended events; the daemon polls until it can")]
    private static partial void LogNotListening(ILogger logger, Exception error, string channel);
}

/// <summary>
/// Notifies <see cref="AppendWakeup.Channel"/> inside every transaction that appends events, so the notification is sent
/// when, and only if, the events are committed.
/// </summary>
public sealed class NotifyingAppends : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (session.PendingChanges.Streams().Any())
        {
            session.QueueSqlCommand($"select pg_notify('{AppendWakeup.Channel}', '')");
        }

        return Task.CompletedTask;
    }
}

/// <summary>Gives the store's daemon the <see cref="AppendWakeup"/> of this service's data source.</summary>
internal sealed class AppendWakeupConfiguration : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Projections.Wakeup = services.GetRequiredService<AppendWakeup>();
}
