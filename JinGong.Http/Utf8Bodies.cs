using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>
/// Bodies are UTF-8 (RFC 8259 asks it of JSON, and CSV is read as UTF-8 too): a body that says it is in another charset
/// is refused with a 415 before an endpoint reads it, instead of failing the request with a 500 when it is decoded.
/// </summary>
public static class Utf8Bodies
{
    public const string UnsupportedCharsetType = Problems.TypeBase + "unsupported-charset";

    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.Charset.Value?.Trim('"') is { Length: > 0 } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Type = UnsupportedCharsetType,
                    Title = Texts.Title("unsupported-charset"),
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Detail = Texts.Say($"Bodies are sent as UTF-8, not {charset}."),
                },
            });
            return;
        }

        await next(context);
    });
}
