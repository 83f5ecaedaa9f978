using Microsoft.AspNetCore.Http;

namespace JinGong.Http.Security;

/// <summary>
/// A rep acting as a rep acts as themselves (docs/access.md): they file opportunities in their own name and move only
/// their own. Like region, it is the role that grants the action that decides: a regional manager, or a rep who also
/// holds a role that grants the action without that bound, acts for others too.
/// </summary>
public static class Ownership
{
    /// <summary>The person (token subject) the caller may act for in this request's action, or null when they may act for anyone.</summary>
    public static string? ActsOnlyAs(this HttpContext http)
    {
        var granting = http.GrantingRoles();
        // A caller no role of whom grants the action acts for no one: the empty name is no one's.
        return granting.Count == 0 || granting.All(Roles.SelfBound.Contains) ? http.User.Identity?.Name ?? string.Empty : null;
    }

    public static bool MayActFor(this HttpContext http, string? person) =>
        http.ActsOnlyAs() is not { } self || string.Equals(self, person?.Trim(), StringComparison.Ordinal);
}
