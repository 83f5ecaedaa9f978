using JinGong.Http.Idempotency;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace JinGong.Gateway;

/// <summary>
/// A request whose destination failed before answering — refused the connection, or died with the request in hand —
/// is sent again to another destination of its service, each destination tried once, but only when sending it twice
/// cannot do a thing twice: a read, or a write that carries an <c>Idempotency-Key</c> (the service answers a repeat
/// from the answer it kept with the first one's events). Any other write gets the proxy's 502 as before, since only
/// its client can tell whether to send it again. A destination that answered, however badly, is never asked twice.
/// </summary>
public static partial class SafeResends
{
    /// <summary>
    /// The proxy's pipeline with resending in front of YARP's own steps (those of its parameterless
    /// <c>MapReverseProxy</c>), so that a resend is balanced again among the destinations not yet tried.
    /// </summary>
    public static void UseSafeResends(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(ForwardAsync);
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    }

    /// <summary>Reads, and writes a client marked as safe to repeat.</summary>
    public static bool IsSafeToResend(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Headers.ContainsKey(IdempotencyKeys.Header);

    private static async Task ForwardAsync(HttpContext http, Func<Task> next)
    {
        if (!IsSafeToResend(http.Request))
        {
            await next();
            return;
        }

        // The body is kept as it is read (in memory, on disk past 30 KB), so a resend sends the same bytes.
        http.Request.EnableBuffering();
        var proxy = http.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        var tried = new List<DestinationState>();
        while (true)
        {
            await next();
            var error = http.Features.Get<IForwarderErrorFeature>();
            if (error is null || !FailedBeforeAnswering(error.Error) || http.Response.HasStarted || proxy.ProxiedDestination is not { } failed)
            {
                return;
            }

            tried.Add(failed);
            var untried = candidates.Where(destination => !tried.Contains(destination)).ToList();
            if (untried.Count == 0 || http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            LogResend(Logger(http), http.Request.Method, http.Request.Path, failed.DestinationId, error.Error);
            proxy.AvailableDestinations = untried;
            proxy.ProxiedDestination = null;
            http.Features.Set<IForwarderErrorFeature>(null);
            http.Response.Clear();
            http.Request.Body.Position = 0;
        }
    }

    /// <summary>
    /// The destination gave no answer at all: it could not be reached, or it failed while taking the request or before
    /// its answer's headers (a process killed mid-request). A timeout is not one of these: the destination may still be
    /// working on it, and a second replica would only add to the load.
    /// </summary>
    private static bool FailedBeforeAnswering(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestBodyDestination;

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SafeResends).FullName!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} got no answer from {Destination} ({Error}): sent again to another destination")]
    private static partial void LogResend(ILogger logger, string method, PathString path, string destination, ForwarderError error);
}
