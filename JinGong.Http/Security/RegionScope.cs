using System.Linq.Expressions;
using System.Security.Claims;

namespace JinGong.Http.Security;

/// <summary>
/// Reps and regional managers see and change the records of their own region (the token's <c>region</c> claim); anyone
/// who also holds a role without that bound (finance, executive, …) acts everywhere.
/// </summary>
public static class RegionScope
{
    /// <summary>The one region <paramref name="user"/> may act in, or null when they may act in every region.</summary>
    public static string? ConfinedTo(this ClaimsPrincipal user)
    {
        var roles = user.FindAll(JinGongClaims.Role).Select(claim => claim.Value).ToList();
        return roles.Count > 0 && roles.All(Roles.RegionBound.Contains)
            // A region-bound role without a region may act nowhere: the empty name matches no record.
            ? user.FindFirst(JinGongClaims.Region)?.Value ?? string.Empty
            : null;
    }

    public static bool MayActIn(this ClaimsPrincipal user, string? region) =>
        user.ConfinedTo() is not { } own || string.Equals(own, region?.Trim(), StringComparison.Ordinal);

    /// <summary>
    /// The region a list is narrowed to for <paramref name="user"/>: their own when they are confined to one (false when
    /// they asked for another), otherwise the one they <paramref name="asked"/> for, if any.
    /// </summary>
    public static bool TryNarrow(this ClaimsPrincipal user, string? asked, out string? region)
    {
        region = user.ConfinedTo() ?? asked;
        return asked is null || string.Equals(asked, region, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="query"/> narrowed to the region of <paramref name="regionOf"/> that <paramref name="user"/> lists
    /// (<see cref="TryNarrow"/>): false when a rep or regional manager asked for another region than theirs.
    /// </summary>
    public static bool TryNarrow<T>(this ClaimsPrincipal user, string? asked, IQueryable<T> query, Expression<Func<T, string>> regionOf, out IQueryable<T> narrowed)
    {
        var allowed = user.TryNarrow(asked, out var region);
        narrowed = region is null
            ? query
            : query.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(regionOf.Body, Expression.Constant(region)), regionOf.Parameters));
        return allowed;
    }
}
