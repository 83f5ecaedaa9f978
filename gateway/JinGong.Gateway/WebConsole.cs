using Microsoft.Net.Http.Headers;

namespace JinGong.Gateway;

/// <summary>
/// The web console (<c>console/</c>, built into <c>wwwroot/</c> by this project's build): its files for anyone (they hold
/// no data; every API call signs in), and its <c>index.html</c> for any page path of the console, so that a deep link or
/// the sign-in's return to <c>/signed-in</c> opens the console. Paths of the API, the identity provider and the health
/// checks are never the console's: an unknown one stays a 404.
/// </summary>
public static class WebConsole
{
    private const string IndexFile = "index.html";

    /// <summary>Vite names every built script and style by its content's hash under this folder: they never change.</summary>
    private const string HashedAssets = "/assets";

    private static readonly string[] NotConsole = ["/api", "/connect", "/account", "/.well-known", "/health", "/alive"];

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments(HashedAssets) ? "public, max-age=31536000, immutable" : "no-cache",
        });
        app.MapFallback("{*path:nonfile}", (HttpContext http) => ServeIndexAsync(http, app.Environment))
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ServeIndexAsync(HttpContext http, IWebHostEnvironment environment)
    {
        var index = environment.WebRootFileProvider.GetFileInfo(IndexFile);
        if (NotConsole.Any(prefix => http.Request.Path.StartsWithSegments(prefix)) || !index.Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers[HeaderNames.ContentLength] = index.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await http.Response.SendFileAsync(index, http.RequestAborted);
        }
    }
}
