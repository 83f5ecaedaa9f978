using MassTransit;

namespace JinGong.EventSourcing.Messaging;

/// <summary>How a service answers another's request for a whole set of records (the catalogue, the working conditions).</summary>
public static class RequestAnswers
{
    /// <summary>
    /// Publishes <paramref name="answer"/> to <paramref name="request"/>: under one message id derived from the request's,
    /// so a copy recognises the answer to a redelivered request as one it has; in the request's flow, caused by it, by
    /// this service. The request is acknowledged only once its answer is published.
    /// </summary>
    public static Task AnswerAsync<TAnswer>(this ConsumeContext request, TAnswer answer, ServiceIdentity service)
        where TAnswer : class
    {
        var requestId = request.MessageId ?? throw new InvalidOperationException("A request arrived without a message id");
        return request.Publish(answer, context =>
        {
            context.MessageId = IntegrationEventPublisher.MessageId(requestId, typeof(TAnswer));
            context.Headers.Set(MessageHeaders.CorrelationId, request.Headers.Get<string>(MessageHeaders.CorrelationId));
            context.Headers.Set(MessageHeaders.CausationId, requestId.ToString());
            context.Headers.Set(MessageHeaders.User, service.Name);
        });
    }
}
