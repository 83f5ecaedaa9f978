using JinGong.Http;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// Counts and logs each message a consumer gave up on, once: the bus calls this after the last try its retry policies
/// allow, and then parks the message in its queue's <c>_error</c> queue, where only ops can take it up. (A consume cut
/// short by the service stopping is not parked: the broker delivers it again.)
/// </summary>
public sealed partial class ParkedMessages(ILogger<ParkedMessages> logger) : IReceiveObserver
{
    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        if (!context.CancellationToken.IsCancellationRequested)
        {
            // MassTransit names the consumer with its namespace.
            var consumer = consumerType[(consumerType.LastIndexOf('.') + 1)..];
            LogParked(logger, exception, consumer, typeof(T).Name, context.MessageId);
            BusinessMetrics.MessageParked(consumer, typeof(T));
        }

        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Consumer} parked {MessageType} {MessageId} in its _error queue after its last try")]
    private static partial void LogParked(ILogger logger, Exception error, string consumer, string messageType, Guid? messageId);
}
