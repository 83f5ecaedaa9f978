using JinGong.ServiceDefaults.EventSourcing;
using JinGong.ServiceDefaults.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.Objectives.Aligning;

/// <summary>The objective to align to, or null to stand alone.</summary>
public sealed record AlignObjectiveRequest(string? ParentId, DateTimeOffset? OccurredAt);

public static class AlignObjectiveEndpoint
{
    public static RouteGroupBuilder MapAlignObjective(this RouteGroupBuilder objectives)
    {
        objectives.MapPost("/{id}/alignment", AlignAsync)
            .WithName("AlignObjective")
            .WithSummary("Align an objective to another parent (or to none); a parent of another period or a cycle is refused");
        return objectives;
    }

    private static async Task<Results<Ok<ObjectiveView>, ValidationProblem, ProblemHttpResult>> AlignAsync(
        string id, AlignObjectiveRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parentId = string.IsNullOrWhiteSpace(request.ParentId) ? null : request.ParentId.Trim();
        var objective = await session.LoadAsync<Objective>(id, cancellationToken);
        var facts = objective is null
            ? new AlignmentFacts(true, null, [])
            : await Alignment.LoadAsync(session, objective.OwnerKind, objective.OwnerId, parentId, cancellationToken);
        var now = clock.GetUtcNow();
        var occurredAt = (request.OccurredAt ?? now).ToUniversalTime();
        return await session.DecideAsync(
            ObjectivesModule.Objectives, id, new FieldErrors(), http,
            state => ObjectiveDecider.Decide(new AlignObjective(id, parentId, occurredAt, now), state, facts), cancellationToken);
    }
}
