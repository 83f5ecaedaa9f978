using System.Net.Http.Headers;
using System.Text.Json;

namespace JinGong.Simulation;

/// <summary>Adds the bearer token to every request, fetching a new one a minute before the last one expires.</summary>
public sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> acquire) : DelegatingHandler
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (token is null || DateTimeOffset.UtcNow > expires.AddMinutes(-1))
            {
                token = await acquire(cancellationToken);
                expires = Tokens.ExpiresAt(token);
            }

            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
        }

        base.Dispose(disposing);
    }
}

public static class Tokens
{
    /// <summary>A JWT's payload (its middle part), which says whom it names and until when.</summary>
    public static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='))).RootElement.Clone();
    }

    public static DateTimeOffset ExpiresAt(string jwt) => DateTimeOffset.FromUnixTimeSeconds(Payload(jwt).GetProperty("exp").GetInt64());
}
