using System.Globalization;
using System.Threading.RateLimiting;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace JinGong.Gateway;

/// <summary>
/// What the public entry adds: a request budget per client (429 with Retry-After once spent), a ceiling on bodies, and
/// headers on every answer that keep browsers from sniffing, framing or leaking addresses.
/// </summary>
public static class Edge
{
    /// <summary>
    /// Everything from this origin only: the console's bundled scripts (no inline script), inline styles (React's and
    /// ECharts' style attributes, the sign-in page's <c>&lt;style&gt;</c>), images as data or blob URLs (charts saved as
    /// pictures), API calls to the gateway itself; never framed, no plugins, no other base, forms posted here only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public static void AddEdge(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway:RateLimit");
        var burst = limits.GetValue("Burst", 2_000);
        var perSecond = limits.GetValue("PerSecond", 1_000);

        // The gateway names no server: not its own, nor (below) the one a service answered from. A body larger than
        // any command or roster import (Gateway:MaxRequestBodyBytes, 16 MiB) is refused with 413 before it is read.
        var maxBody = builder.Configuration.GetValue<long>("Gateway:MaxRequestBodyBytes", 16 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBody;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ServiceRoutes.SignedIn, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.All));

        builder.Services.AddRateLimiter(options =>
        {
            // A client is the token's subject; before sign-in, its address.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetTokenBucketLimiter(
                    http.User.Identity?.Name is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    type: Problems.TypeBase + "too-many-requests", title: "Too many requests", statusCode: StatusCodes.Status429TooManyRequests,
                    detail: $"This client has used its budget of requests; try again in {seconds} s.").ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>First in the pipeline, so that every answer has them, a refusal at the door included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Set as the answer starts, over whatever a service or a handler on the way put there.
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiReference.Path) ? ApiReference.ContentSecurityPolicy : ContentSecurityPolicy;
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>After authentication, so that a signed-in client is counted by its subject.</summary>
    public static WebApplication UseRequestBudget(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
