using System.Security.Cryptography;
using JinGong.Http.Security;
using JinGong.Simulation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace JinGong.Testing;

/// <summary>
/// Access tokens for a service tested on its own, where no identity provider runs: the claims identity issues (subject,
/// name, roles, region, JinGong's audience), signed with a key only this test process knows, which the service is told
/// to trust instead of reading identity's discovery document.
/// </summary>
public static class TestTokens
{
    private const string Issuer = "https://identity.test/";
    private static readonly SymmetricSecurityKey SigningKey = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "test" };

    /// <summary>Where the service would look for identity's keys: never read, since <see cref="Trust"/> hands the key over.</summary>
    public const string MetadataAddress = Issuer + ".well-known/openid-configuration";

    /// <summary>A request made by the administrator, for code a test calls inside a service (the shared command path).</summary>
    public static Microsoft.AspNetCore.Http.DefaultHttpContext AdministratorRequest() => new()
    {
        User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(JinGongClaims.Subject, SignIn.Administrator), new(JinGongClaims.Role, Roles.Administrator)], "test", JinGongClaims.Subject, JinGongClaims.Role)),
    };

    /// <summary>Makes a service's bearer authentication trust this process's tokens, and only them.</summary>
    public static void Trust(JwtBearerOptions options)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(SigningKey);
        options.Configuration = configuration;
    }

    /// <summary>A token for <paramref name="subject"/> holding <paramref name="roles"/>, in <paramref name="region"/> if given; valid for a test run.</summary>
    public static string Issue(string subject, IEnumerable<string> roles, string? region = null) => Issue(subject, roles, region, _ => { });

    /// <summary>As <see cref="Issue(string, IEnumerable{string}, string?)"/>, changed by <paramref name="alter"/> before it is signed: a token a test forges.</summary>
    public static string Issue(string subject, IEnumerable<string> roles, string? region, Action<SecurityTokenDescriptor> alter)
    {
        var claims = new Dictionary<string, object>
        {
            [JinGongClaims.Subject] = subject,
            [JinGongClaims.Name] = subject,
            [JinGongClaims.Role] = roles.ToArray(),
        };
        if (region is not null)
        {
            claims[JinGongClaims.Region] = region;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = JinGongClaims.ApiAudience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(6),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        };
        alter(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A signing key nobody trusts, under the kid of the trusted one.</summary>
    public static SigningCredentials ForeignKey() =>
        new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = SigningKey.KeyId }, SecurityAlgorithms.HmacSha256);

    /// <summary><paramref name="token"/> claiming to need no signature (<c>alg: none</c>), its signature dropped.</summary>
    public static string Unsigned(string token)
    {
        var header = SignIn.Base64Url(System.Text.Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{token.Split('.')[1]}.";
    }

    /// <summary><paramref name="token"/> with its payload changed by <paramref name="change"/> and its signature kept.</summary>
    public static string Altered(string token, Func<string, string> change)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        return $"{parts[0]}.{SignIn.Base64Url(System.Text.Encoding.UTF8.GetBytes(change(payload)))}.{parts[2]}";
    }
}
