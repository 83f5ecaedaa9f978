using JasperFx.Events;
using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace JinGong.EventSourcing;

/// <summary>One stored event as an auditor reads it: where it sits, what it says, when it happened and was recorded, who and why.</summary>
public sealed record AuditEntry(
    string Service, long Sequence, string StreamId, long Version, string Type, object Data, DateTimeOffset? OccurredAt, DateTimeOffset RecordedAt,
    string? User, string? CorrelationId, string? CausationId)
{
    public static AuditEntry Of(ServiceIdentity service, IEvent e, DateTimeOffset? occurredAt) =>
        new(service.Name, e.Sequence, e.StreamKey ?? e.StreamId.ToString(), e.Version, e.EventTypeName, e.Data, occurredAt,
            e.Timestamp, e.UserName, e.CorrelationId, e.CausationId);

    /// <summary>The business facts of the entry without who acted and in which flow.</summary>
    public AuditEntry WithoutWhoActed() => this with { User = null, CorrelationId = null, CausationId = null };
}

/// <summary>
/// The audit API every service offers, over any of its streams: a stream's events with their metadata, and every event
/// of one business flow (correlation id). The gateway's <c>/api/audit/correlations/{id}</c> gathers the latter from all
/// services.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Audit",
        "Every event of this service as it was recorded, for auditors and executives: a stream's whole history, or every event of one business flow (correlation id), with business and recorded time, user, correlation and causation ids.");

    /// <summary>More events than any one business flow makes; a flow beyond it is answered in part, saying so.</summary>
    public const int MaxFlowEvents = 10_000;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        // Auditors (and executives, who answer for the figures) read every flow; the people in it see their own records elsewhere.
        var audit = api.MapGroup("/audit").WithTag(Tag).RequireRoles(Roles.Auditor, Roles.Executive);
        audit.MapGet("/streams/{id}", StreamAsync)
            .WithName("AuditStream")
            .WithSummary("Every event of one stream of this service, in order, with business and recorded time, user, correlation and causation ids");
        audit.MapGet("/correlations/{correlationId}", FlowAsync)
            .WithName("AuditCorrelation")
            .WithSummary("Every event of this service caused within one business flow (correlation id), in the order it was recorded");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> StreamAsync(
        string id, IQuerySession session, ServiceIdentity service, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        return events.Count == 0
            ? Problems.From(new DomainError("stream-not-found", $"{service.Name} has no stream {id}.", ErrorKind.NotFound))
            : TypedResults.Ok<IReadOnlyList<AuditEntry>>([.. events.Select(e => Entry(service, e))]);
    }

    private static async Task<Ok<IReadOnlyList<AuditEntry>>> FlowAsync(
        string correlationId, IQuerySession session, ServiceIdentity service, CancellationToken cancellationToken)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.CorrelationId == correlationId)
            .OrderBy(e => e.Sequence)
            .Take(MaxFlowEvents)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AuditEntry>>([.. events.Select(e => Entry(service, e))]);
    }

    private static AuditEntry Entry(ServiceIdentity service, IEvent e) =>
        // Every domain event carries its business time (DESIGN.md, "Time").
        AuditEntry.Of(service, e, e.Data.GetType().GetProperty("OccurredAt")?.GetValue(e.Data) as DateTimeOffset?);
}
