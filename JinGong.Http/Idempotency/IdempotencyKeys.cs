using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JinGong.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JinGong.Http.Languages;

namespace JinGong.Http.Idempotency;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c> (the IETF HTTP API working group's header; Stripe's model) is done once:
/// its answer is kept with the key, the caller and a fingerprint of the request, and the same request sent again gets
/// that answer again, changing nothing (<c>Idempotent-Replayed: true</c>). The same key with another request is a 422,
/// and a repeat while the first still runs a 409 with <c>Retry-After</c>. A write that stores something keeps its answer
/// in the same transaction (<see cref="AnswerToKeep"/>), so neither can be stored without the other; a refusal, which
/// stores nothing, keeps its answer after it is given. Answers that say "try again" (a lost race's 409, 429, 5xx) are
/// not kept.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>How long an answer is kept (README: at least this long; then it is forgotten within the hour).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Where keys are honoured: the services' APIs, not the identity provider's protocol endpoints.</summary>
    public const string Under = "/api";

    /// <summary>The methods a key makes safe to send again.</summary>
    public static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!IsWrite(http.Request.Method)
            || !http.Request.Headers.TryGetValue(Header, out var header)
            || !http.Request.Path.StartsWithSegments(Under)
            || http.RequestServices.GetService<IIdempotentAnswers>() is not { } answers)
        {
            await next(http);
            return;
        }

        await AnswerOnceAsync(http, next, answers, header.ToString());
    });

    /// <summary>
    /// The answer a write that stores something keeps with what it stores, in the same transaction: its status, the
    /// body it answers with (as JSON, as the answer itself will be written), its <c>Location</c> and <c>ETag</c>; null
    /// when the request carries no key.
    /// </summary>
    public static IdempotentAnswer? AnswerToKeep(this HttpContext http, int status, object? body, string? location = null, string? etag = null) =>
        http.Features.Get<IdempotentRequest>() is { } request
            ? body is null
                ? request.Answer(status, null, [], location, etag)
                : request.Answer(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonOptionsOf(http)), location, etag)
            : null;

    private static async Task AnswerOnceAsync(HttpContext http, RequestDelegate next, IIdempotentAnswers answers, string header)
    {
        var cancellationToken = http.RequestAborted;
        var key = header.Length > 1 && header[0] == '"' && header[^1] == '"' ? header[1..^1] : header;
        if (key.Length is 0 or > MaxKeyLength || key.Any(character => character is < '!' or > '~'))
        {
            await Problems.Validation(new Dictionary<string, string[]>
            {
                [Header] = [Texts.Say($"An idempotency key is 1 to {MaxKeyLength} visible ASCII characters (a UUID, say).")],
            }).ExecuteAsync(http);
            return;
        }

        var caller = http.User.Identity?.Name ?? "anonymous";
        var id = IdempotentAnswer.IdOf(caller, key);
        var fingerprint = await FingerprintAsync(http.Request, cancellationToken);
        // The key is let go before the answer is written: a client that lost it and asks again at once gets it again,
        // not "still being answered".
        using var answer = new MemoryStream();
        await using (var held = await answers.TryHoldAsync(id, cancellationToken))
        {
            if (held is null)
            {
                http.Response.Headers.RetryAfter = "1";
                await Problems.From(new DomainError("idempotency-key-in-use", $"A request with this idempotency key is still being answered; send it again in a moment.", ErrorKind.Conflict)).ExecuteAsync(http);
                return;
            }

            if (await answers.FindAsync(id, cancellationToken) is { } kept)
            {
                if (kept.Fingerprint != fingerprint)
                {
                    await Problems.From(new DomainError("idempotency-key-reused", $"This idempotency key was sent with another request; use a new key for a new request.", ErrorKind.Unprocessable)).ExecuteAsync(http);
                    return;
                }

                BusinessMetrics.AnswerReplayed(http.Request.Path);
                await ReplayAsync(http, kept);
                return;
            }

            var request = new IdempotentRequest(id, caller, key, fingerprint, http.RequestServices.GetRequiredService<TimeProvider>());
            http.Features.Set(request);
            var body = http.Response.Body;
            http.Response.Body = answer;
            try
            {
                await next(http);
            }
            finally
            {
                http.Response.Body = body;
            }

            if (Keeps(http.Response.StatusCode, answer))
            {
                await answers.KeepAsync(request.Answer(http.Response.StatusCode, http.Response.ContentType, answer.ToArray(), http.Response.Headers.Location, http.Response.Headers.ETag), cancellationToken);
            }
        }

        answer.Position = 0;
        await answer.CopyToAsync(http.Response.Body, cancellationToken);
    }

    // A lost race, a budget spent or a server error says "try again": kept, it would say so forever. A conflict with the
    // state (a rule) is an answer like any other.
    private static bool Keeps(int status, MemoryStream answer) =>
        status is >= 200 and < 500 and not (StatusCodes.Status429TooManyRequests or StatusCodes.Status408RequestTimeout)
        && (status != StatusCodes.Status409Conflict || ProblemType(answer) is not (Problems.TypeBase + "concurrent-change" or Problems.TypeBase + "idempotency-key-in-use"));

    private static string? ProblemType(MemoryStream answer)
    {
        try
        {
            using var problem = JsonDocument.Parse(answer.ToArray());
            return problem.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task ReplayAsync(HttpContext http, IdempotentAnswer kept)
    {
        http.Response.StatusCode = kept.Status;
        http.Response.ContentType = kept.ContentType;
        if (kept.Location is not null)
        {
            http.Response.Headers.Location = kept.Location;
        }

        if (kept.ETag is not null)
        {
            http.Response.Headers.ETag = kept.ETag;
        }

        http.Response.Headers[ReplayedHeader] = "true";
        await http.Response.Body.WriteAsync(kept.Body, http.RequestAborted);
    }

    // The method, the path with its query, the content type and the body: what makes two requests the same request.
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{request.ContentType}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static JsonSerializerOptions JsonOptionsOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}

/// <summary>The key of the write being answered, for the code that keeps its answer with what it stores.</summary>
public sealed class IdempotentRequest(string id, string caller, string key, string fingerprint, TimeProvider clock)
{
    public IdempotentAnswer Answer(int status, string? contentType, byte[] body, string? location, string? etag) =>
        new(id, caller, key, fingerprint, status, contentType, string.IsNullOrEmpty(location) ? null : location, string.IsNullOrEmpty(etag) ? null : etag, body, clock.GetUtcNow());
}
