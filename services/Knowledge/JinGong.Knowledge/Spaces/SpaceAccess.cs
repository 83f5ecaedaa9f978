namespace JinGong.Knowledge.Spaces;

/// <summary>What someone may do in a space, each level including those below it.</summary>
public enum AccessLevel
{
    None,
    Read,
    Edit,
    Approve,
    Administer,
}

/// <summary>Who a grant is to: everyone signed in, a role, a team of OKR's roster, or a region.</summary>
public enum GranteeKind
{
    Everyone,
    Role,
    Team,
    Region,
}

/// <summary>Who a grant is to (<paramref name="Name"/>: the role, team or region; none for everyone).</summary>
public sealed record Grantee(GranteeKind Kind, string? Name)
{
    public static readonly Grantee Everyone = new(GranteeKind.Everyone, null);

    public static Grantee Role(string role) => new(GranteeKind.Role, role);

    public override string ToString() => Name is null ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()} {Name}";
}

public sealed record Grant(Grantee Grantee, AccessLevel Level);

/// <summary>The signed-in person as a space's grants see them: their roles (the token's), their team and region (the roster's).</summary>
public sealed record Reader(string Id, IReadOnlyList<string> Roles, string? Team, string? Region)
{
    /// <summary>
    /// What the reader may do in <paramref name="space"/>: the highest level of every grant they fall under; administrators
    /// administer every space, so a space can never be locked away from everyone.
    /// </summary>
    public AccessLevel LevelIn(Space space) =>
        Roles.Contains(JinGong.Http.Security.Roles.Administrator) ? AccessLevel.Administer
        // A space of one region's deals is closed to whoever is bound to another region, whatever its grants say.
        : space.Region is { } dealsOf && BoundAwayFrom(dealsOf) ? AccessLevel.None
        : space.Grants.Where(grant => Holds(grant.Grantee)).Select(grant => grant.Level).DefaultIfEmpty(AccessLevel.None).Max();

    /// <summary>
    /// Whether the reader is bound to a region other than <paramref name="region"/>: every role they hold binds them to their
    /// own (sales reps, regional managers), as the services' region rule says.
    /// </summary>
    public bool BoundAwayFrom(string? region) => Roles.All(JinGong.Http.Security.Roles.RegionBound.Contains) && Region != region;

    private bool Holds(Grantee grantee) => grantee.Kind switch
    {
        GranteeKind.Everyone => true,
        GranteeKind.Role => Roles.Contains(grantee.Name!),
        GranteeKind.Team => Team is not null && Team == grantee.Name,
        GranteeKind.Region => Region is not null && Region == grantee.Name,
        _ => false,
    };
}
