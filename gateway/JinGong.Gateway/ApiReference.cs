using System.Globalization;
using Scalar.AspNetCore;

namespace JinGong.Gateway;

public static class ApiReference
{
    public const string Path = "/api/reference";

    /// <summary>One API reference over every service's OpenAPI document, each fetched through the gateway.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, options =>
        {
            options.Title = "JinGong API";
            foreach (var service in ServiceRoutes.All)
            {
                options.AddDocument(service, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(service), $"/api/{service}/openapi/v1.json");
            }
        });
        return app;
    }
}
