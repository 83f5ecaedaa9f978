using System.Globalization;
using System.Threading.RateLimiting;
using JinGong.ServiceDefaults.Http;
using JinGong.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace JinGong.Gateway;

/// <summary>
/// What the public entry adds to every answer: a request budget per client (429 with Retry-After once spent), and
/// headers that keep browsers from sniffing, framing or leaking addresses.
/// </summary>
public static class Edge
{
    public static void AddEdge(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway:RateLimit");
        var burst = limits.GetValue("Burst", 2_000);
        var perSecond = limits.GetValue("PerSecond", 1_000);

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

    public static WebApplication UseEdge(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
            // Services answer behind the gateway; their own name is nobody's business.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseRateLimiter();
        return app;
    }
}
