using System.Text;
using JinGong.EventSourcing.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace JinGong.EventSourcing.Privacy;

/// <summary>
/// An erasure in the messages this service parked on the broker (its queues' <c>_error</c> and <c>_skipped</c> queues),
/// which wait there for ops to move or purge them and would otherwise carry the subject's values on, retried or not: each
/// that mentions them, in its body or its headers (a fault's message), is put back with the values rewritten by the rule
/// of the stored events (<see cref="SubjectErasure"/>), and the original taken away. Messages that do not mention them
/// stay where they were, in their order. Idempotent: a second pass finds nothing to rewrite.
/// </summary>
public sealed partial class ParkedMessageErasure(ServiceQueues queues, IConfiguration configuration, ILogger<ParkedMessageErasure> logger)
{
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var rewrite = ValueRewrite.Of(subject);
        var factory = new ConnectionFactory { Uri = new Uri(configuration.GetConnectionString(MessageBusExtensions.ConnectionName)!) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var rewritten = 0;
        foreach (var queue in queues.Parking)
        {
            // A channel per queue: asking for a queue that was never made closes the channel that asked.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            uint waiting;
            try
            {
                waiting = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
                continue;
            }

            // Every message is held (unacknowledged) before any is looked at, so none comes round twice; closing the channel
            // puts back those left alone, in their order.
            var held = new List<BasicGetResult>();
            for (var taken = 0; taken < waiting && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } message; taken++)
            {
                held.Add(message);
            }

            foreach (var message in held)
            {
                var body = Encoding.UTF8.GetString(message.Body.Span);
                var newBody = rewrite.Text(body);
                var headers = message.BasicProperties.Headers?.ToDictionary(
                    header => header.Key, header => header.Value is byte[] text && rewrite.Text(Encoding.UTF8.GetString(text)) is { } masked ? Encoding.UTF8.GetBytes(masked) : header.Value);
                var headersChanged = headers is not null && headers.Any(header => !ReferenceEquals(header.Value, message.BasicProperties.Headers![header.Key]));
                if (newBody is null && !headersChanged)
                {
                    continue;
                }

                // MassTransit parks through an exchange named as the queue; the service may write only to its own.
                var properties = new BasicProperties(message.BasicProperties) { Headers = headers };
                await channel.BasicPublishAsync(queue, string.Empty, mandatory: false, properties, Encoding.UTF8.GetBytes(newBody ?? body), cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                rewritten++;
            }
        }

        LogRewritten(logger, rewritten, subject.Pseudonym);
        return rewritten;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of {Pseudonym}: {Count} parked messages rewritten")]
    private static partial void LogRewritten(ILogger logger, int count, string pseudonym);
}
