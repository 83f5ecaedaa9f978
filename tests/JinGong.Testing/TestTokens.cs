using System.Security.Cryptography;
using JinGong.Http.Security;
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

    /// <summary>Makes a service's bearer authentication trust this process's tokens, and only them.</summary>
    public static void Trust(JwtBearerOptions options)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(SigningKey);
        options.Configuration = configuration;
    }

    /// <summary>A token for <paramref name="subject"/> holding <paramref name="roles"/>, in <paramref name="region"/> if given; valid for a test run.</summary>
    public static string Issue(string subject, IEnumerable<string> roles, string? region = null)
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

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = JinGongClaims.ApiAudience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(6),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
