using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace JinGong.Http.Security;

/// <summary>
/// Reps and regional managers see and change the records of their own region (the token's <c>region</c> claim). The
/// role that grants an action decides whether region applies to it (docs/access.md): a rep who is also a dispatcher
/// dispatches anywhere — the dispatcher role grants that — but still sells only in their region, and anyone who holds a
/// role without that bound among those the action admits (finance, executive, …) acts everywhere.
/// </summary>
public static class RegionScope
{
    /// <summary>
    /// The one region the caller may act in for the action this request is for, or null when they may act in every
    /// region: confined exactly when every role they hold that the endpoint admits is region-bound.
    /// </summary>
    public static string? ConfinedTo(this HttpContext http)
    {
        var granting = http.GrantingRoles();
        return granting.Count == 0 || granting.All(Roles.RegionBound.Contains)
            // A region-bound role without a region may act nowhere: the empty name matches no record.
            ? http.User.FindFirst(JinGongClaims.Region)?.Value ?? string.Empty
            : null;
    }

    public static bool MayActIn(this HttpContext http, string? region) =>
        http.ConfinedTo() is not { } own || string.Equals(own, region?.Trim(), StringComparison.Ordinal);

    /// <summary>
    /// The region a list or a figure is narrowed to for the caller: their own when they are confined to one (false when
    /// they asked for another), otherwise the one they <paramref name="asked"/> for, if any.
    /// </summary>
    public static bool TryNarrow(this HttpContext http, string? asked, out string? region)
    {
        region = http.ConfinedTo() ?? asked;
        return asked is null || string.Equals(asked, region, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="query"/> narrowed to the region of <paramref name="regionOf"/> that the caller lists
    /// (<see cref="TryNarrow(HttpContext, string?, out string?)"/>): false when a rep or regional manager asked for
    /// another region than theirs.
    /// </summary>
    public static bool TryNarrow<T>(this HttpContext http, string? asked, IQueryable<T> query, Expression<Func<T, string>> regionOf, out IQueryable<T> narrowed)
    {
        var allowed = http.TryNarrow(asked, out var region);
        narrowed = region is null
            ? query
            : query.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(regionOf.Body, Expression.Constant(region)), regionOf.Parameters));
        return allowed;
    }

    /// <summary>The roles the caller holds that the endpoint admits: those that grant them this request's action.</summary>
    public static IReadOnlyList<string> GrantingRoles(this HttpContext http)
    {
        var admitted = AdmittedRoles(http.GetEndpoint());
        return [.. http.User.FindAll(JinGongClaims.Role).Select(claim => claim.Value).Where(role => admitted is null || admitted.Contains(role))];
    }

    /// <summary>The roles every role requirement of the endpoint admits (its group's and its own), or null when none names any.</summary>
    private static HashSet<string>? AdmittedRoles(Endpoint? endpoint)
    {
        HashSet<string>? admitted = null;
        var requirements = endpoint?.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
            .SelectMany(policy => policy.Requirements).OfType<RolesAuthorizationRequirement>() ?? [];
        foreach (var requirement in requirements)
        {
            admitted = admitted is null ? [.. requirement.AllowedRoles] : [.. admitted.Intersect(requirement.AllowedRoles)];
        }

        return admitted;
    }
}
