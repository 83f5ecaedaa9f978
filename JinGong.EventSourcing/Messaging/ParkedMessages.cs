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
            var consumer = ConsumerName(consumerType);
            LogParked(logger, exception, consumer, typeof(T).Name, context.MessageId);
            BusinessMetrics.MessageParked(consumer, typeof(T));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The consumer's <see cref="System.Reflection.MemberInfo.Name"/>, as the consumed and redelivered figures tag it, from
    /// MassTransit's full name of it: namespaces dropped, a generic one by its arity (<c>DispatchRequestConsumer`1</c>;
    /// the message type is a tag of its own).
    /// </summary>
    public static string ConsumerName(string consumerType)
    {
        var generic = consumerType.IndexOf('<');
        var outer = generic < 0 ? consumerType : consumerType[..generic];
        var name = outer[(outer.LastIndexOf('.') + 1)..];
        return generic < 0 ? name : $"{name}`{Arity(consumerType[(generic + 1)..^1])}";
    }

    // Arguments at the top level of a generic argument list: one more than its commas outside nested brackets.
    private static int Arity(string arguments)
    {
        var (depth, arity) = (0, 1);
        foreach (var character in arguments)
        {
            (depth, arity) = character switch
            {
                '<' => (depth + 1, arity),
                '>' => (depth - 1, arity),
                ',' when depth == 0 => (depth, arity + 1),
                _ => (depth, arity),
            };
        }

        return arity;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Consumer} parked {MessageType} {MessageId} in its _error queue after its last try")]
    private static partial void LogParked(ILogger logger, Exception error, string consumer, string messageType, Guid? messageId);
}
