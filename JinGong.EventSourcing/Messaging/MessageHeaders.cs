namespace JinGong.EventSourcing.Messaging;

/// <summary>Who and why, carried on every bus message (DESIGN.md, "Who and why").</summary>
public static class MessageHeaders
{
    public const string CorrelationId = "jingong-correlation-id";
    public const string CausationId = "jingong-causation-id";
    public const string User = "jingong-user";

    /// <summary>The W3C trace parent of the request that appended the event, kept in the event's headers.</summary>
    public const string TraceParent = "traceparent";
}
