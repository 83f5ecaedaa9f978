using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http.Security;

/// <summary>
/// How a client signs in, as the OpenAPI documents say it: one OAuth 2.0 scheme against the identity provider
/// (authorization code with PKCE for people, client credentials for machine clients), required by every operation whose
/// endpoint has an authorization policy, and by none that allows anonymous callers.
/// </summary>
public static class SecurityDocumentation
{
    public const string Scheme = "identity";

    public static OpenApiOptions DeclareSecurity(this OpenApiOptions options) =>
        options
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "A bearer token from JinGong's identity provider (OpenID Connect, reached through the gateway at this "
                        + "document's origin; discovery at /.well-known/openid-configuration). People sign in with the authorization code "
                        + "flow and PKCE (S256; the console is the public client jingong-console); machine clients with client credentials. "
                        + "Ask for the scope api. An access token lives 15 minutes; what it may do follows from its role claims (and, for "
                        + "reps and regional managers, its region claim).",
                    Flows = new OpenApiOAuthFlows
                    {
                        AuthorizationCode = new OpenApiOAuthFlow
                        {
                            AuthorizationUrl = new Uri(IdentityEndpoints.Authorization, UriKind.Relative),
                            TokenUrl = new Uri(IdentityEndpoints.Token, UriKind.Relative),
                            RefreshUrl = new Uri(IdentityEndpoints.Token, UriKind.Relative),
                            // OpenAPI has no word for PKCE (the API references' own extensions disagree on its shape): the description says it.
                            Scopes = Scopes(),
                        },
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = new Uri(IdentityEndpoints.Token, UriKind.Relative),
                            Scopes = new Dictionary<string, string> { [JinGongClaims.ApiScope] = ApiScopeDescription },
                        },
                    },
                };
                return Task.CompletedTask;
            })
            .AddOperationTransformer((operation, context, _) =>
            {
                if (RequiresToken(context))
                {
                    (operation.Security ??= []).Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [JinGongClaims.ApiScope],
                    });
                }

                return Task.CompletedTask;
            });

    /// <summary>Whether the operation's endpoint has an authorization policy that does not let anonymous callers through.</summary>
    public static bool RequiresToken(this OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        return !metadata.OfType<IAllowAnonymous>().Any() && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
    }

    private const string ApiScopeDescription = "Call JinGong's API (the token's audience is jingong-api).";

    private static Dictionary<string, string> Scopes() => new()
    {
        [JinGongClaims.ApiScope] = ApiScopeDescription,
        ["openid"] = "Sign in with OpenID Connect (an identity token).",
        ["profile"] = "The person's name in the identity token.",
        ["roles"] = "The person's roles in the tokens.",
        ["offline_access"] = "A refresh token (14 days), to renew the access token without signing in again.",
    };
}
