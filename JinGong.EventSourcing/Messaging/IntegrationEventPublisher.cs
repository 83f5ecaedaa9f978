using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JinGong.Http;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// Forwards a service's appended events to RabbitMQ, run by Marten's async daemon as a subscription.
/// The daemon records how far it got in the same database as the events, and only after a whole page
/// is confirmed by the broker: an event appended is published at least once, whatever dies in between
/// (no dual write). Each message's id is derived from the event's id, so consumers recognise redeliveries.
/// </summary>
public sealed partial class IntegrationEventPublisher : SubscriptionBase
{
    public const string SubscriptionName = "integration-events";

    private static readonly ActivitySource Source = new(TelemetrySources.PublishingSource);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly IBus bus;
    private readonly IIntegrationEvents integrationEvents;
    private readonly ILogger<IntegrationEventPublisher> logger;

    public IntegrationEventPublisher(IBus bus, IIntegrationEvents integrationEvents, ILogger<IntegrationEventPublisher> logger)
    {
        this.bus = bus;
        this.integrationEvents = integrationEvents;
        this.logger = logger;
        Name = SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var messages = new List<(IEvent Event, object Message)>();
        foreach (var @event in page.Events)
        {
            foreach (var message in await integrationEvents.FromAsync(@event, cancellationToken))
            {
                messages.Add((@event, message));
            }
        }

        // The broker may be down: keep the page (and the daemon's progress) where it is and try again,
        // rather than let the daemon give up on the subscription. Redelivery is harmless downstream.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AttemptTimeout);
                await Task.WhenAll(messages.Select(pair => PublishAsync(pair.Event, pair.Message, timeout.Token)));
                return NullChangeListener.Instance;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt)));
                LogPublishFailed(logger, error, messages.Count, attempt, backoff.TotalMilliseconds);
                await Task.Delay(backoff, cancellationToken);
            }
        }
    }

    private async Task PublishAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that appended the event, so one trace spans the whole flow.
        ActivityContext.TryParse(HeaderValue(@event, MessageHeaders.TraceParent), null, out var parent);
        using var activity = Source.StartActivity($"publish {message.GetType().Name}", ActivityKind.Producer, parent);

        await bus.Publish(message, message.GetType(), context =>
        {
            context.MessageId = MessageId(@event.Id, message.GetType());
            context.Headers.Set(MessageHeaders.CausationId, @event.Id.ToString());
            context.Headers.Set(MessageHeaders.CorrelationId, @event.CorrelationId);
            context.Headers.Set(MessageHeaders.User, @event.UserName);
        }, cancellationToken);
        BusinessMetrics.MessagePublished(message.GetType(), DateTimeOffset.UtcNow - @event.Timestamp);
    }

    /// <summary>
    /// The same for every publication of this event as this message type, so consumers recognise a
    /// redelivery; different for the several messages one event may stand for.
    /// </summary>
    public static Guid MessageId(Guid eventId, Type messageType)
    {
        Span<byte> input = stackalloc byte[16 + System.Text.Encoding.UTF8.GetByteCount(messageType.FullName!)];
        eventId.TryWriteBytes(input);
        System.Text.Encoding.UTF8.GetBytes(messageType.FullName!, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        System.Security.Cryptography.SHA1.HashData(input, hash);
        return new Guid(hash[..16]);
    }

    private static string? HeaderValue(IEvent @event, string name) =>
        @event.Headers is { } headers && headers.TryGetValue(name, out var value) ? value?.ToString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} integration events failed (attempt {Attempt}); retrying in {BackoffMs} ms")]
    private static partial void LogPublishFailed(ILogger logger, Exception error, int count, int attempt, double backoffMs);
}
