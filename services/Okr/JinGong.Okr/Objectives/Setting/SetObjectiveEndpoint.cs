using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Okr.Objectives;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.Objectives.Setting;

/// <summary>
/// An objective for a period (<c>2026-11</c>, <c>2026-Q4</c>, or a year for the annual layer), owned by a person
/// (<c>ownerKind: "person"</c>, their roster id) or a team; <c>parentId</c> aligns it; <c>weight</c> (default 1) is its
/// share in its parent's score.
/// </summary>
public sealed record SetObjectiveRequest(
    string? Title, string? Period, OwnerKind? OwnerKind, string? Owner, string? ParentId, decimal? Weight, DateTimeOffset? OccurredAt);

public static class SetObjectiveEndpoint
{
    public const decimal MaxWeight = 1_000m;

    public static RouteGroupBuilder MapSetObjective(this RouteGroupBuilder objectives)
    {
        objectives.MapPost("/", SetAsync)
            .WithName("SetObjective")
            .WithSummary("Set an objective for a month, quarter or year, owned by a person or team, aligned to a parent or not")
            .RequireRoles(Writers.OwningRoles);
        return objectives;
    }

    /// <summary>A weight: absent (1), or from 0 (counts for nothing) up to <see cref="MaxWeight"/>.</summary>
    public static FieldErrors Weight(this FieldErrors errors, decimal? weight) =>
        errors.Check("weight", weight is null or >= 0 and <= MaxWeight, $"A weight is from 0 to {MaxWeight:0}; a weight below zero would pull its parent's score down for progress.");

    private static async Task<Results<Created<ObjectiveView>, ValidationProblem, ProblemHttpResult>> SetAsync(
        SetObjectiveRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        Period? period = null;
        var errors = new FieldErrors()
            .Required("title", request.Title)
            .Required("period", request.Period)
            .Check("period", request.Period is null || Period.TryParse(request.Period, out period), $"The period is {Period.Format}.")
            .Required("ownerKind", request.OwnerKind)
            .Required("owner", request.Owner)
            .Check("parentId", request.ParentId is null || request.ParentId.Trim().Length > 0, $"The parentId names an objective, or is left out.")
            .Weight(request.Weight);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var now = clock.GetUtcNow();
        var owner = request.Owner!.Trim();
        var parentId = request.ParentId?.Trim();
        if (await http.RefusalAsync(session, request.OwnerKind!.Value, owner, ownerMay: true, cancellationToken) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var facts = await Alignment.LoadAsync(session, request.OwnerKind!.Value, owner, parentId, cancellationToken);
        return await session.UnderNewIdAsync(http, "OBJ", (attempt, id) =>
        {
            var command = new SetObjective(
                id, request.Title!.Trim(), period!, request.OwnerKind.Value, owner, parentId, request.Weight ?? 1m, (request.OccurredAt ?? now).ToUniversalTime(), now);
            return attempt.StartAsync(
                ObjectivesModule.Objectives, id, $"/api/okr/objectives/{id}", http, current => ObjectiveDecider.Decide(command, current, facts), alreadyThere: null, cancellationToken);
        });
    }
}
