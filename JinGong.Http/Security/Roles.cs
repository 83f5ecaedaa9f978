namespace JinGong.Http.Security;

/// <summary>
/// The jobs people (and machine clients) do, as the token's <c>role</c> claims name them. An administrator may do
/// everything; an auditor reads everything and changes nothing; reps and regional managers act in their own region.
/// </summary>
public static class Roles
{
    public const string SalesRep = "sales-rep";
    public const string RegionalManager = "regional-manager";
    public const string Dispatcher = "dispatcher";
    public const string Finance = "finance";
    public const string FleetOperations = "fleet-operations";
    public const string Executive = "executive";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All =
        [SalesRep, RegionalManager, Dispatcher, Finance, FleetOperations, Executive, Auditor, Administrator];

    /// <summary>Roles whose holders act only within the region their token names.</summary>
    public static readonly IReadOnlyList<string> RegionBound = [SalesRep, RegionalManager];

    /// <summary>Roles whose holders act for themselves only: a rep files and moves their own opportunities.</summary>
    public static readonly IReadOnlyList<string> SelfBound = [SalesRep];

    /// <summary>Roles that see who did what and in which flow (user, correlation and causation ids); the others see what happened.</summary>
    public static readonly IReadOnlyList<string> SeeWhoActed = [Auditor, Executive, Administrator];

    public static bool MaySeeWhoActed(this System.Security.Claims.ClaimsPrincipal user) => SeeWhoActed.Any(user.IsInRole);
}

/// <summary>The claims JinGong's tokens carry beyond the standard ones.</summary>
public static class JinGongClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Region = "region";

    /// <summary>The audience every JinGong API token is issued for.</summary>
    public const string ApiAudience = "jingong-api";

    /// <summary>The scope a client asks for to call the API.</summary>
    public const string ApiScope = "api";
}

/// <summary>
/// Where clients get their tokens: the identity provider's OAuth 2.0 endpoints, reached through the gateway at the same
/// origin as the API (authorization code with PKCE for people, client credentials for machine clients).
/// </summary>
public static class IdentityEndpoints
{
    public const string Authorization = "/connect/authorize";
    public const string Token = "/connect/token";
}
