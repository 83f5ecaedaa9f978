using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinGong.EventSourcing.Messaging;

/// <summary>A message a consumer has applied, stored in the consumer's own database.</summary>
public sealed record ProcessedMessage(string Id, DateTimeOffset ProcessedAt);

/// <summary>
/// The record <see cref="IdempotentConsumer{TMessage}"/> keeps of each message it applied, and its pruning: a record
/// only has to outlive every redelivery of its message (retries take seconds, a page the publisher resends minutes),
/// so after <c>Messaging:ProcessedMessageRetention</c> (default seven days) it is deleted, once an hour.
/// </summary>
public sealed partial class ProcessedMessages(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<ProcessedMessages> logger)
    : BackgroundService
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public TimeSpan Retention { get; } = configuration.GetValue("Messaging:ProcessedMessageRetention", DefaultRetention);

    /// <summary>
    /// "FleetAnswersConsumer/{message id}"; a generic consumer is named with its message type,
    /// "DispatchRequestConsumer&lt;VehicleLoanRequested&gt;/{message id}", so each of a family is told apart.
    /// </summary>
    public static string Key(Type consumer, Guid messageId) => $"{Name(consumer)}/{messageId:N}";

    /// <summary>
    /// The key a generic consumer used before it was told apart from its family ("DispatchRequestConsumer`1/…"); it
    /// never clashed, a message id being unique to its message type. Read too, so that a message applied before the
    /// upgrade and redelivered after it is still recognised; once the last such record is pruned it matches nothing.
    /// </summary>
    public static string? FormerKey(Type consumer, Guid messageId) => consumer.IsGenericType ? $"{consumer.Name}/{messageId:N}" : null;

    /// <summary>The deletion filters on when a message was applied, so that is indexed.</summary>
    public static void Configure(StoreOptions options) => options.Schema.For<ProcessedMessage>().Index(message => message.ProcessedAt);

    /// <summary>Deletes the records of messages applied before the retention.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - Retention;
        await using var session = store.LightweightSession();
        session.DeleteWhere<ProcessedMessage>(message => message.ProcessedAt < before);
        await session.SaveChangesAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is its health check's to report; the next hour prunes what this one did not.
                LogPruneFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GenericTypeArguments.Select(Name))}>" : type.Name;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning processed messages failed")]
    private static partial void LogPruneFailed(ILogger logger, Exception error);
}
