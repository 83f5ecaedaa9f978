using System.Net;

namespace JinGong.Simulation;

/// <summary>
/// An answer that says when to come back (Retry-After): a 429, this client's budget of requests spent at the gateway,
/// or a 503, a service that could not reach its database and wrote nothing. The request is sent again then, a few times.
/// </summary>
public static class ComeBack
{
    private const int MaxWaits = 20;

    /// <param name="comesBackOn">The answers to come back on: which of the two a caller may take for "not yet".</param>
    public static async Task<HttpResponseMessage> WhenAllowedAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> send, Func<HttpStatusCode, bool> comesBackOn, CancellationToken cancellationToken)
    {
        for (var wait = 1; ; wait++)
        {
            var answer = await send(cancellationToken);
            if (wait >= MaxWaits || !comesBackOn(answer.StatusCode))
            {
                return answer;
            }

            var after = answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            answer.Dispose();
            await Task.Delay(after, cancellationToken);
        }
    }

    /// <summary>A spent budget or an unreachable database: both pass.</summary>
    public static bool OnBudgetOrOutage(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
}
