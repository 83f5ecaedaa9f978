using JinGong.Http.Security;
using JinGong.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity.Tokens;

/// <summary>
/// Issues tokens once OpenIddict has checked the request (client, secret, code, PKCE verifier): for a machine
/// client from its account, for a person from the code or refresh token they hold, re-reading the account so
/// that a closed account or a changed role takes effect at the next refresh.
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost(IdentityEndpoints.Token, IssueAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<SignInHttpResult, ForbidHttpResult>> IssueAsync(HttpContext http, IdentityStore store, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");
        string? subject;
        IEnumerable<string> scopes;
        if (request.IsClientCredentialsGrantType())
        {
            subject = request.ClientId;
            scopes = request.GetScopes();
        }
        else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            subject = granted.Principal?.GetClaim(Claims.Subject);
            scopes = granted.Principal?.GetScopes() ?? [];
        }
        else
        {
            return Refuse(Errors.UnsupportedGrantType, "Only authorization_code, refresh_token and client_credentials are granted.");
        }

        var account = subject is null ? null : await store.Accounts.FindAsync([subject], cancellationToken);
        if (account is not { Active: true })
        {
            return Refuse(Errors.InvalidGrant, "The account is closed or unknown.");
        }

        return TypedResults.SignIn(AccountPrincipal.For(account, scopes), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ForbidHttpResult Refuse(string error, string description) =>
        TypedResults.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
