using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>
/// A request that fails because the service's database cannot be reached (down, restarting, the connection lost) gets
/// 503 with <c>Retry-After</c> rather than a 500: nothing is wrong with the request, and the client may try it again.
/// </summary>
public sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnreachable(exception))
        {
            return false;
        }

        // A server restart leaves every idle pooled connection dead, and each would fail one more request: drop them
        // all now, so the next request opens a fresh session.
        NpgsqlConnection.ClearAllPools();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Type = Problems.ServiceUnavailableType,
                Title = Texts.Title("service-unavailable"),
                Status = StatusCodes.Status503ServiceUnavailable,
                // The connection may have been lost after the commit: a write answered so may have been recorded.
                Detail = Texts.Say($"The service cannot reach its database right now. Try again shortly; a write may have been recorded, so read it back first."),
            },
        });
    }

    /// <summary>The database refused or lost the session (Marten may wrap the Npgsql error it met).</summary>
    private static bool IsDatabaseUnreachable(Exception exception)
    {
        for (var error = exception; error is not null; error = error.InnerException)
        {
            switch (error)
            {
                // The server is shutting down, starting up or crashed (class 57), or the connection broke (class 08);
                // other server errors (a conflict, a constraint) are about the request and stay as they are.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("57", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                // No session at all: refused, reset or timed out on the way to the server.
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
            }
        }

        return false;
    }
}
