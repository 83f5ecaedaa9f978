using System.Security.Claims;

namespace JinGong.ServiceDefaults.Security;

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
}
