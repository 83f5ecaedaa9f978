using System.Globalization;
using Scalar.AspNetCore;

namespace JinGong.Gateway;

public static class ApiReference
{
    public const string Path = "/api/reference";

    /// <summary>
    /// Scalar's page starts itself with an inline module script and its bundle evaluates templates and schema examples
    /// (<c>eval</c>, <c>new Function</c>) and renders in web workers: this page alone may run inline and evaluated script.
    /// It shows documentation only, and calls nothing but this origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    /// <summary>One API reference over every service's OpenAPI document, each fetched through the gateway.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, options =>
        {
            options.Title = "JinGong API";
            // Its default fonts come from Scalar's CDN, which neither the CSP nor an offline machine lets through.
            options.DefaultFonts = false;
            foreach (var service in ServiceRoutes.All)
            {
                options.AddDocument(service, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(service), $"/api/{service}/openapi/v1.json");
            }
        });
        return app;
    }
}
