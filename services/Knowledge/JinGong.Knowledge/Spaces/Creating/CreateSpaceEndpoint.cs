using JinGong.Domain.Regions;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Spaces.Creating;

/// <summary>
/// A space to open: its name, kind and description, the roles that edit its pages (default: administrators) and, for a
/// space of deals, its region. <c>occurredAt</c> defaults to now.
/// </summary>
public sealed record CreateSpaceRequest(string? Name, SpaceKind? Kind, string? Description, IReadOnlyList<string>? Editors, DateTimeOffset? OccurredAt, string? Region = null);

public static class CreateSpaceEndpoint
{
    public const int MaxDescriptionLength = 2_000;

    /// <summary>Every role may be named an editor but the auditor's, who changes nothing.</summary>
    public static readonly IReadOnlyList<string> EditingRoles = [.. Roles.All.Where(role => role != Roles.Auditor)];

    public static RouteGroupBuilder MapCreateSpace(this RouteGroupBuilder spaces)
    {
        spaces.MapPost("/", CreateAsync)
            .WithName("CreateSpace")
            .WithSummary("Open a space for a department's knowledge, naming the roles that edit its pages")
            .RequireRoles(Roles.Administrator);
        return spaces;
    }

    private static async Task<Results<Created<SpaceView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSpaceRequest request, HttpContext http, IDocumentSession session, IReadOnlyList<Region> regions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var region = FieldErrors.Trimmed(request.Region);
        var errors = new FieldErrors()
            .Required("name", request.Name)
            .Required("kind", request.Kind)
            .Check("description", request.Description is null || request.Description.Trim().Length <= MaxDescriptionLength,
                $"The description has at most {MaxDescriptionLength} characters.")
            .Check("editors", request.Editors is null || request.Editors.All(role => EditingRoles.Contains(role?.Trim())),
                $"Editors are roles, one of {string.Join(", ", EditingRoles)}.")
            .Check("region", region is null || regions.Any(known => known.Name == region), $"Regions are one of {string.Join(", ", regions.Select(known => known.Name))}.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var editors = request.Editors is { Count: > 0 } named ? [.. named.Select(role => role.Trim()).Distinct()] : new[] { Roles.Administrator };
        var now = clock.GetUtcNow();
        return await session.UnderNewIdAsync(http, "SPACE", (attempt, id) =>
        {
            var command = new CreateSpace(
                id, request.Name!.Trim(), request.Kind!.Value, FieldErrors.Trimmed(request.Description), editors, (request.OccurredAt ?? now).ToUniversalTime(), now, region);
            return attempt.StartAsync(
                SpacesModule.Spaces, id, $"/api/knowledge/spaces/{id}", http, current => SpaceDecider.Decide(command, current), alreadyThere: null, cancellationToken);
        });
    }
}
