using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Okr.Objectives;
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
            .WithSummary("Align an objective to another parent (or to none); a parent of another period or a cycle is refused")
            .RequireRoles(Writers.OwningRoles)
            .WrittenByTheOwnerChain()
            .HonoursIfMatch();
        return objectives;
    }

    /// <summary>
    /// Decided in a serializable transaction: the ancestors read are those the change is committed against, so two
    /// re-alignments that would close a loop together (A under B, B under A) cannot both succeed.
    /// </summary>
    private static async Task<Results<Ok<ObjectiveView>, ValidationProblem, ProblemHttpResult>> AlignAsync(
        string id, AlignObjectiveRequest request, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parentId = FieldErrors.Trimmed(request.ParentId);
        var now = clock.GetUtcNow();
        var occurredAt = (request.OccurredAt ?? now).ToUniversalTime();
        return await store.DecideSerializableAsync(http, async session =>
            {
                var objective = await session.LoadAsync<Objective>(id, cancellationToken);
                var facts = objective is null
                    ? new AlignmentFacts(true, null, [])
                    : await Alignment.LoadAsync(session, objective.OwnerKind, objective.OwnerId, parentId, cancellationToken);
                return await session.DecideAsync(
                    ObjectivesModule.Objectives, id, new FieldErrors(), http,
                    state => ObjectiveDecider.Decide(new AlignObjective(id, parentId, occurredAt, now), state, facts), cancellationToken, decideAgainOnRace: false);
            },
            () => Problems.From(new DomainError("concurrent-change", $"The alignment tree changed while {id} was being aligned; try again.", ErrorKind.Conflict)),
            cancellationToken);
    }
}
