using JinGong.Domain.Regions;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Spaces.Access;

/// <summary>
/// What <c>grantee</c> may do in the space from now on: <c>level</c> read, edit, approve, administer, or none (withdrawn).
/// The grantee is everyone signed in, a role, a team of OKR's roster or a region (<c>kind</c>, and its <c>name</c>).
/// </summary>
public sealed record ChangeSpaceAccessRequest(GranteeKind? Kind, string? Name, AccessLevel? Level, DateTimeOffset? OccurredAt) : ICommandRequest;

public static class ChangeSpaceAccessEndpoint
{
    public const int MaxTeamLength = 100;

    public static RouteGroupBuilder MapChangeSpaceAccess(this RouteGroupBuilder spaces)
    {
        spaces.MapPost("/{id}/access", ChangeAsync)
            .WithName("ChangeSpaceAccess")
            .WithSummary("Grant everyone, a role, a team or a region a level in a space (read, edit, approve, administer), or withdraw it (the space's administrators)")
            .HonoursIfMatch()
            .RequireRoles([.. Roles.All]);
        return spaces;
    }

    private static async Task<Results<Ok<SpaceView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string id, ChangeSpaceAccessRequest request, HttpContext http, IDocumentSession session, IReadOnlyList<Region> regions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var name = FieldErrors.Trimmed(request.Name);
        var errors = new FieldErrors()
            .Required("kind", request.Kind)
            .Required("level", request.Level)
            .Check("name", request.Kind is not GranteeKind.Everyone || name is null, $"Everyone is granted without a name.")
            .Check("name", request.Kind is null or GranteeKind.Everyone || name is not null, $"Name the role, team or region granted.")
            .Check("name", request.Kind is not GranteeKind.Role || name is null || Roles.All.Contains(name), $"Roles are one of {string.Join(", ", Roles.All)}.")
            .Check("name", request.Kind is not GranteeKind.Region || name is null || regions.Any(region => region.Name == name),
                $"Regions are one of {string.Join(", ", regions.Select(region => region.Name))}.")
            .Check("name", request.Kind is not GranteeKind.Team || name is null || name.Length <= MaxTeamLength, $"A team's name has at most {MaxTeamLength} characters.");
        var reader = await Readers.OfAsync(http, session, cancellationToken);
        return await session.DecideAsync(SpacesModule.Spaces, id, errors, http, state =>
        {
            // The clock is read once the stream is loaded, as the shared command endpoints do.
            var now = clock.GetUtcNow();
            var command = new ChangeSpaceAccess(
                id, new Grantee(request.Kind!.Value, name), request.Level!.Value, reader.LevelIn(state), (request.OccurredAt ?? now).ToUniversalTime(), now);
            return SpaceDecider.Decide(command, state);
        }, cancellationToken);
    }
}
