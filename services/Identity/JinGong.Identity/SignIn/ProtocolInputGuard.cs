using System.Text.Json;

namespace JinGong.Identity.SignIn;

/// <summary>
/// OpenIddict looks a request's parameters (client id, codes, tokens) up in PostgreSQL, whose text cannot hold a NUL: a
/// parameter with one failed there as a server error. Such a request is refused before it, as OpenID Connect refuses a
/// malformed one (400 <c>invalid_request</c>).
/// </summary>
public static class ProtocolInputGuard
{
    private const string ProtocolPaths = "/connect";

    public static IApplicationBuilder UseProtocolInputGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(ProtocolPaths) && !await IsReadableAsync(http.Request, http.RequestAborted))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsJsonAsync(
                    new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = "A parameter holds a NUL character, or the form cannot be read." },
                    JsonSerializerOptions.Web, http.RequestAborted);
                return;
            }

            await next(http);
        });

    private static async Task<bool> IsReadableAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = request.Query.AsEnumerable();
        if (request.HasFormContentType)
        {
            try
            {
                // Read once and kept on the request, where OpenIddict reads it next.
                fields = fields.Concat(await request.ReadFormAsync(cancellationToken));
            }
            catch (InvalidDataException)
            {
                // The form reader refuses a NUL (or a form too big) itself, with an exception nobody else would catch.
                return false;
            }
        }

        return !fields.Any(field => field.Key.Contains('\0') || field.Value.Any(value => value?.Contains('\0') == true));
    }
}
