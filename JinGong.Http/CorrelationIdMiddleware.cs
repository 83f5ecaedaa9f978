using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace JinGong.Http;

/// <summary>
/// One business flow keeps one correlation id from the first request through every service and the bus.
/// The first process to see a request without one (normally the gateway) gives it one; everyone after
/// passes it on, answers with it, and logs and traces under it.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.Request.Headers[HeaderName].ToString();
        if (!IsAcceptable(correlationId))
        {
            correlationId = Guid.NewGuid().ToString("N");
            // Set on the request too, so the gateway forwards it to the service.
            context.Request.Headers[HeaderName] = correlationId;
        }

        context.Items[HeaderName] = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("jingong.correlation_id", correlationId);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    // A caller-supplied id is echoed into headers, logs and event metadata: keep it short and plain.
    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && AcceptableId().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial System.Text.RegularExpressions.Regex AcceptableId();
}

public static class CorrelationIdExtensions
{
    /// <summary>The correlation id of the current request, as set by <see cref="CorrelationIdMiddleware"/>.</summary>
    public static string? GetCorrelationId(this HttpContext context) => context.Items[CorrelationIdMiddleware.HeaderName] as string;
}
