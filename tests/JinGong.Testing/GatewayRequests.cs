using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace JinGong.Testing;

/// <summary>What API tests do through the gateway: unique names, JSON in and out with the expected status.</summary>
public static class GatewayRequests
{
    /// <summary>A name no other test uses, so a test's data (its region, team, people) and figures are its own.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage answer, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(status, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> PostOkAsync(this IApiUnderTest system, string path, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var answer = await system.Api.PostAsJsonAsync(path, body);
        return await answer.JsonAsync(status);
    }

    public static async Task<JsonElement> GetOkAsync(this IApiUnderTest system, string path)
    {
        using var answer = await system.Api.GetAsync(path);
        return await answer.JsonAsync();
    }

    /// <summary>Sends <paramref name="body"/> as JSON with an <c>Idempotency-Key</c>, as a client that may send it again does.</summary>
    public static async Task<HttpResponseMessage> SendWithKeyAsync(
        this HttpClient client, HttpMethod method, string path, object body, string key, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, cancellationToken);
    }
}
