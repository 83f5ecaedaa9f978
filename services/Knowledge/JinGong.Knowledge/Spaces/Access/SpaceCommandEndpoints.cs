using JinGong.Domain;
using JinGong.Domain.Regions;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Languages;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Spaces.Access;

/// <summary>
/// What <c>grantee</c> may do in the space from now on: <c>level</c> read, edit, approve, administer, or none (withdrawn).
/// The grantee is everyone signed in, a role, a team of OKR's roster or a region (<c>kind</c>, and its <c>name</c>).
/// </summary>
public sealed record ChangeSpaceAccessRequest(GranteeKind? Kind, string? Name, AccessLevel? Level, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Whether the space's revisions are published only once an approver has reviewed them (<c>required</c>).</summary>
public sealed record RequireReviewRequest(bool? Required, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The teams of OKR's roster whose people are asked to confirm they have read each page's current revision (none: nobody).</summary>
public sealed record RequireReadConfirmationRequest(IReadOnlyList<string?>? Teams, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>
/// What a space's administrators change of it — who may do what, whether revisions are reviewed, which teams confirm
/// reading them — each decided with the
/// caller's own level in the space and taking the one command path (<c>If-Match</c> and <c>Idempotency-Key</c> honoured).
/// </summary>
public static class SpaceCommandEndpoints
{
    public const int MaxTeamLength = 100;

    /// <summary>More teams than a company has; a list longer is a mistake.</summary>
    public const int MaxConfirmingTeams = 50;

    public static RouteGroupBuilder MapChangeSpaceAccess(this RouteGroupBuilder spaces)
    {
        spaces.MapSpaceCommand<ChangeSpaceAccessRequest>(
                "/{id}/access", "ChangeSpaceAccess",
                (request, regions) =>
                {
                    var name = FieldErrors.Trimmed(request.Name);
                    return new FieldErrors()
                        .Required("kind", request.Kind)
                        .Required("level", request.Level)
                        .Check("name", request.Kind is not GranteeKind.Everyone || name is null, $"Everyone is granted without a name.")
                        .Check("name", request.Kind is null or GranteeKind.Everyone || name is not null, $"Name the role, team or region granted.")
                        .Check("name", request.Kind is not GranteeKind.Role || name is null || Roles.All.Contains(name), $"Roles are one of {string.Join(", ", Roles.All)}.")
                        .Check("name", request.Kind is not GranteeKind.Region || name is null || regions.Any(region => region.Name == name),
                            $"Regions are one of {string.Join(", ", regions.Select(region => region.Name))}.")
                        .Check("name", request.Kind is not GranteeKind.Team || name is null || name.Length <= MaxTeamLength, $"A team's name has at most {MaxTeamLength} characters.");
                },
                (id, request, askedBy, occurredAt, now) =>
                    new ChangeSpaceAccess(id, new Grantee(request.Kind!.Value, FieldErrors.Trimmed(request.Name)), request.Level!.Value, askedBy, occurredAt, now))
            .WithSummary("Grant everyone, a role, a team or a region a level in a space (read, edit, approve, administer), or withdraw it (the space's administrators)");
        return spaces;
    }

    public static RouteGroupBuilder MapRequireReview(this RouteGroupBuilder spaces)
    {
        spaces.MapSpaceCommand<RequireReviewRequest>(
                "/{id}/review", "RequireSpaceReview",
                (request, _) => new FieldErrors().Required("required", request.Required),
                (id, request, askedBy, occurredAt, now) => new RequireReview(id, request.Required!.Value, askedBy, occurredAt, now))
            .WithSummary("Publish a space's revisions only once an approver has reviewed them, or let its editors publish (the space's administrators)");
        return spaces;
    }

    public static RouteGroupBuilder MapRequireReadConfirmation(this RouteGroupBuilder spaces)
    {
        spaces.MapSpaceCommand<RequireReadConfirmationRequest>(
                "/{id}/read-confirmation", "RequireSpaceReadConfirmation",
                (request, _) => new FieldErrors()
                    .Check("teams", request.Teams is not null, $"The {Texts.Field("teams")} is required.")
                    .Check("teams", request.Teams is null || request.Teams.Count <= MaxConfirmingTeams, $"At most {MaxConfirmingTeams} teams are asked.")
                    .Check("teams", request.Teams is null || request.Teams.All(team => FieldErrors.Trimmed(team) is { Length: <= MaxTeamLength }),
                        $"Each team is named, in at most {MaxTeamLength} characters."),
                (id, request, askedBy, occurredAt, now) => new RequireReadConfirmation(
                    id, [.. request.Teams!.Select(team => FieldErrors.Trimmed(team)!).Distinct(StringComparer.Ordinal)], askedBy, occurredAt, now))
            .WithSummary("Ask every person of the teams named to confirm they have read each page's current revision, or nobody (the space's administrators)");
        return spaces;
    }

    private static RouteHandlerBuilder MapSpaceCommand<TRequest>(
        this RouteGroupBuilder spaces, string pattern, string name, Func<TRequest, IReadOnlyList<Region>, FieldErrors> validate,
        Func<string, TRequest, AccessLevel, DateTimeOffset, DateTimeOffset, SpaceCommand> command)
        where TRequest : ICommandRequest =>
        spaces.MapPost(pattern, async Task<Results<Ok<SpaceView>, ValidationProblem, ProblemHttpResult>> (
                string id, TRequest request, HttpContext http, IDocumentSession session, IReadOnlyList<Region> regions, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var errors = validate(request, regions);
                var reader = await Readers.OfAsync(http, session, cancellationToken);
                return await session.DecideAsync(SpacesModule.Spaces, id, errors, http, state =>
                {
                    // The clock is read once the stream is loaded, as the shared command endpoints do.
                    var now = clock.GetUtcNow();
                    return SpaceDecider.Decide(command(id, request, reader.LevelIn(state), (request.OccurredAt ?? now).ToUniversalTime(), now), state);
                }, cancellationToken);
            })
            .WithName(name)
            .HonoursIfMatch()
            // The space's grants decide who administers it; the door lets in every role a grant may name.
            .RequireRoles([.. Roles.All]);
}
