using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace JinGong.EventSourcing.Rebuilding;

/// <summary>The operator's rebuild check of this service's projections (<c>scripts/rebuild-check.sh</c> calls it).</summary>
public static class RebuildEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Operations",
        "What operators run on the service: the rebuild check, which proves every projection can be rebuilt from its events and equals the live one.");

    public static RouteGroupBuilder MapRebuildCheck(this RouteGroupBuilder api)
    {
        api.MapPost("/projections/rebuild-check", CheckAsync)
            .RequireRoles(Roles.Administrator)
            .WithTag(Tag)
            .WithName("RebuildCheck")
            .WithSummary("Rebuilds every projection of this service from zero into a shadow schema and compares it row by row with the live one")
            .WithDescription("Reads the live store at one instant and writes only to the shadow schema. 409 while another check of this service runs.");
        return api;
    }

    private static async Task<Results<Ok<RebuildReport>, ProblemHttpResult>> CheckAsync(
        ShadowRebuild rebuild, ServiceIdentity service, CancellationToken cancellationToken) =>
        await rebuild.RunAsync(cancellationToken) is { } report
            ? TypedResults.Ok(report)
            : Problems.From(new DomainError("rebuild-check-running", $"A rebuild check of {service.Name} is already running.", ErrorKind.Conflict));
}
