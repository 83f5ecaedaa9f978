using JinGong.Http;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// Applies each message exactly once however often the bus delivers it: the message's id is recorded
/// in the same transaction as its effect, and a message already recorded is acknowledged and skipped.
/// What the consumer appends carries the flow's correlation id, the event behind the message as its
/// cause, and this service as the actor. The records are pruned by <see cref="ProcessedMessages"/>.
/// </summary>
public abstract partial class IdempotentConsumer<TMessage>(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger logger)
    : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>The clock a consumer reads "now" from, the same that dates its records.</summary>
    protected TimeProvider Clock { get; } = clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id");
        BusinessMetrics.Handle(service.Name, typeof(TMessage).Name, logger);
        var key = ProcessedMessages.Key(GetType(), messageId);
        var applied = ProcessedMessages.FormerKey(GetType(), messageId) is { } formerKey
            ? (await session.LoadManyAsync<ProcessedMessage>(context.CancellationToken, key, formerKey)).Count > 0
            : await session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null;
        if (applied)
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId);
            BusinessMetrics.MessageRedelivered(GetType(), typeof(TMessage));
            return;
        }

        session.CorrelationId = context.Headers.Get<string>(MessageHeaders.CorrelationId);
        // The cause an auditor can look up: the other service's event behind the message.
        session.CausationId = context.Headers.Get<string>(MessageHeaders.CausationId) ?? messageId.ToString();
        session.LastModifiedBy = service.Name;
        await ApplyAsync(context.Message, session, context.CancellationToken);

        // Insert, not store: a concurrent delivery of the same message loses on the primary key and is
        // retried, then sees the record and skips.
        session.Insert(new ProcessedMessage(key, Clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
        BusinessMetrics.MessageConsumed(GetType(), typeof(TMessage));
    }

    /// <summary>Turns the message into this service's own changes on <paramref name="session"/> (not saved yet).</summary>
    protected abstract Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} {MessageId} was applied before; skipped")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId);
}
