namespace JinGong.Identity;

/// <summary>
/// The identity provider's settings (section <c>Identity</c>): the issuer clients know it by (the gateway's public
/// address), where the console may be sent back to after sign-in, the administrator's password, the secret its keys
/// are kept under and the machine clients it knows.
/// </summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    public Uri? Issuer { get; set; }

    public List<string> ConsoleRedirectUris { get; set; } = [];

    /// <summary>Short: an access token already given outlives the closing of its account until it expires.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public AdministratorSettings Administrator { get; set; } = new();

    /// <summary>
    /// The secret identity's keys are encrypted under at rest (<see cref="Keys.KeyProtection"/>), kept beside the data and
    /// never in the database: without it, neither a dump nor identity itself can read the keys.
    /// </summary>
    public string? KeyProtectionSecret { get; set; }

    public Dictionary<string, ServiceAccountSettings> ServiceAccounts { get; set; } = [];

    public static IdentitySettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<IdentitySettings>() ?? new IdentitySettings();
        if (settings.Issuer is not { IsAbsoluteUri: true })
        {
            throw new InvalidOperationException("Identity:Issuer must be the absolute address clients reach the identity provider at (the gateway's).");
        }

        return settings;
    }
}

public sealed class AdministratorSettings
{
    public string Id { get; set; } = "administrator";

    public string? Password { get; set; }
}

/// <summary>A machine client (the simulator, a BI tool): signs in with its secret and acts with its roles.</summary>
public sealed class ServiceAccountSettings
{
    public string? Name { get; set; }

    public string? Secret { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Region { get; set; }
}
