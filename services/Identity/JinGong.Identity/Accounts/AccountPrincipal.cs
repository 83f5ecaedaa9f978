using System.Security.Claims;
using JinGong.Http.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity.Accounts;

/// <summary>What a token says of an account: who (subject, name), what they may do (roles) and where (region).</summary>
public static class AccountPrincipal
{
    public static ClaimsPrincipal For(Account account, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id)
            .SetClaim(Claims.Name, account.Name)
            .SetClaims(Claims.Role, [.. account.Roles]);
        if (account.Region is not null)
        {
            identity.SetClaim(JinGongClaims.Region, account.Region);
        }

        identity.SetScopes(scopes);
        identity.SetResources(JinGongClaims.ApiAudience);
        identity.SetDestinations(claim => claim.Type switch
        {
            // The console shows who is signed in and what they may do; everything goes into the access token.
            Claims.Name or Claims.Role or JinGongClaims.Region => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
