using System.Diagnostics.Metrics;
using JinGong.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JinGong.Http;

/// <summary>
/// The figures ops ask for beside the projection lag, on the dashboard as the meter <c>JinGong.Business</c>: commands
/// accepted and refused per rule, messages published, consumed, redelivered and parked per consumer, and answers replayed
/// for an <c>Idempotency-Key</c>. Counted on the shared paths (the one command path, the publisher, the idempotent
/// consumer, the key middleware), never per endpoint.
/// </summary>
public static partial class BusinessMetrics
{
    public const string MeterName = "JinGong.Business";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("jingong.commands.accepted", "{command}", "Commands accepted, by service and command");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("jingong.commands.refused", "{command}", "Commands refused, by service, command and the rule they broke");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("jingong.messages.published", "{message}", "Integration events the broker confirmed, by message type");
    private static readonly Histogram<double> PublicationDelay = Meter.CreateHistogram<double>(
        "jingong.messages.publication_delay", "ms", "From the event's append to the broker's confirm of its message, by message type: the publisher's lag in time");
    private static readonly Counter<long> Consumed = Meter.CreateCounter<long>("jingong.messages.consumed", "{message}", "Messages applied, by consumer and message type");
    private static readonly Counter<long> Redelivered = Meter.CreateCounter<long>("jingong.messages.redelivered", "{message}", "Messages delivered again after they were applied, and skipped");
    private static readonly Counter<long> Parked = Meter.CreateCounter<long>("jingong.messages.parked", "{message}", "Messages that failed every retry and were parked in their _error queue");
    private static readonly Counter<long> Replays = Meter.CreateCounter<long>("jingong.idempotency.replays", "{request}", "Writes sent again with their Idempotency-Key and answered with the kept answer");

    /// <summary>
    /// What the command path is serving, for its figures and its log: set by whoever hands a command to it (an API
    /// endpoint, a consumer) and read where the decision is made, which knows the stream but not who asked.
    /// </summary>
    private static readonly AsyncLocal<Handling?> Current = new();

    private sealed record Handling(string Service, string Command, ILogger Logger);

    /// <summary>Names the command the rest of this async flow decides: the service and the endpoint or message behind it.</summary>
    public static void Handle(string service, string command, ILogger logger) => Current.Value = new(service, command, logger);

    /// <summary>
    /// An endpoint filter for a service's API group: each write's command is named by its method and route template
    /// (<c>POST /api/fleet/vehicles/{code}/retirement</c>), a bounded set, unlike its path.
    /// </summary>
    public static RouteGroupBuilder CountsCommands(this RouteGroupBuilder group, string service) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                return await next(context);
            }

            // A group's root endpoint ends in "/" ("/api/fleet/vehicles/"); its command is named without it.
            var route = ((http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value)?.TrimEnd('/');
            Handle(service, $"{http.Request.Method} {route}", http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BusinessMetrics)));
            return await next(context);
        });

    /// <summary>A decision of the command path on <paramref name="streamId"/>; a refusal is also logged with its rule.</summary>
    public static void Decided(string streamId, Decision decision)
    {
        var handling = Current.Value;
        var service = new KeyValuePair<string, object?>("service", handling?.Service ?? "unnamed");
        var command = new KeyValuePair<string, object?>("command", handling?.Command ?? "unnamed");
        if (decision is Decision.Rejected rejected)
        {
            Refused.Add(1, service, command, new("rule", rejected.Error.Rule));
            if (handling is not null)
            {
                LogRefused(handling.Logger, handling.Service, handling.Command, streamId, rejected.Error.Rule);
            }
        }
        else
        {
            Accepted.Add(1, service, command);
        }
    }

    /// <param name="sinceAppended">How long after its event's append the broker confirmed the message.</param>
    public static void MessagePublished(Type messageType, TimeSpan sinceAppended)
    {
        var tag = new KeyValuePair<string, object?>("message_type", messageType.Name);
        Published.Add(1, tag);
        PublicationDelay.Record(Math.Max(0, sinceAppended.TotalMilliseconds), tag);
    }

    public static void MessageConsumed(Type consumer, Type messageType) => Consumed.Add(1, ConsumerTags(consumer.Name, messageType));

    public static void MessageRedelivered(Type consumer, Type messageType) => Redelivered.Add(1, ConsumerTags(consumer.Name, messageType));

    /// <param name="consumer">The consumer's <see cref="System.Reflection.MemberInfo.Name"/> (<c>DispatchRequestConsumer`1</c>), as the other consumer figures tag it.</param>
    public static void MessageParked(string consumer, Type messageType) => Parked.Add(1, ConsumerTags(consumer, messageType));

    /// <summary>An answer replayed for a key; tagged by the service whose API the write was for (<c>/api/fleet/…</c>).</summary>
    public static void AnswerReplayed(PathString path) =>
        Replays.Add(1, new KeyValuePair<string, object?>("service", path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "unnamed"));

    private static ReadOnlySpan<KeyValuePair<string, object?>> ConsumerTags(string consumer, Type messageType) =>
        new KeyValuePair<string, object?>[] { new("consumer", consumer), new("message_type", messageType.Name) };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} refused {Command} on {StreamId}: {Rule}")]
    private static partial void LogRefused(ILogger logger, string service, string command, string streamId, string rule);
}
