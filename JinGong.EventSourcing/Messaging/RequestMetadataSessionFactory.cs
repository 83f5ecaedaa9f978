using System.Diagnostics;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// Sessions opened while serving a request record who and why on every event they append: the acting
/// user, the flow's correlation id, the request as the cause, and the request's trace so that the
/// publisher can continue it on the bus.
/// </summary>
public sealed class RequestMetadataSessionFactory(IDocumentStore store, IHttpContextAccessor httpContextAccessor) : ISessionFactory
{
    public const string Anonymous = "anonymous";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        if (httpContextAccessor.HttpContext is { } request)
        {
            Stamp(session, request);
        }

        return session;
    }

    /// <summary>Records who and why on what <paramref name="session"/> appends (for sessions a request opens itself, e.g. a serializable one).</summary>
    public static void Stamp(IDocumentSession session, HttpContext request)
    {
        session.CorrelationId = request.GetCorrelationId();
        session.CausationId = request.TraceIdentifier;
        session.LastModifiedBy = request.User.Identity?.Name ?? Anonymous;
        if (Activity.Current?.Id is { } traceParent)
        {
            session.SetHeader(MessageHeaders.TraceParent, traceParent);
        }
    }
}
