using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JinGong.Http.Security;

/// <summary>
/// Every JinGong process — the gateway and each service alike — checks the bearer token itself, so a service reached
/// around the gateway refuses a request just as the gateway would: signed by the identity provider's current key
/// (read from its discovery document, <c>Identity:MetadataAddress</c>), issued by it, for JinGong's API, unexpired.
/// The token's subject is the acting user that every event records.
/// </summary>
public static class TokenValidation
{
    public static void AddTokenValidation(this IHostApplicationBuilder builder)
    {
        // Without it no token could ever be checked: say so at start, not as a 401 for every request.
        var metadataAddress = builder.Configuration["Identity:MetadataAddress"]
            ?? throw new InvalidOperationException("Identity:MetadataAddress is missing: the AppHost passes the identity provider's discovery address.");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.MetadataAddress = metadataAddress;
                // The identity provider is reached over this machine's loopback (or the cluster's network).
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                options.Audience = JinGongClaims.ApiAudience;
                options.TokenValidationParameters.NameClaimType = JinGongClaims.Subject;
                options.TokenValidationParameters.RoleClaimType = JinGongClaims.Role;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            });
        builder.Services.AddAuthorization();
    }

    /// <summary>Lets only holders of <paramref name="roles"/> (and administrators) through, with 403 for the others.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireRole([.. roles, Roles.Administrator]));
}
