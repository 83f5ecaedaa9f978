using JinGong.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Gateway;

/// <summary>
/// A question the gateway asks every service on its caller's behalf (an audit trail, a person's data): each service
/// checks the caller's token again, and an answer missing from one service refuses the whole, which would look complete
/// and not be.
/// </summary>
public static class EveryService
{
    public const string HttpClientName = "every-service";

    /// <summary>
    /// Each service's answer to GET <paramref name="pathOf"/>(service), or null where it gave none: of the services with
    /// events (<see cref="ServiceRoutes.Services"/>), or of <paramref name="services"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(string Service, T? Answer)>> AskAsync<T>(
        HttpContext http, IHttpClientFactory httpClients, Func<string, string> pathOf, CancellationToken cancellationToken, IReadOnlyList<string>? services = null)
        where T : class
    {
        var client = httpClients.CreateClient(HttpClientName);
        return await Task.WhenAll((services ?? ServiceRoutes.Services).Select(async service =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{service}{pathOf(service)}");
            request.Headers.TryAddWithoutValidation("Authorization", http.Request.Headers.Authorization.ToString());
            using var response = await client.SendAsync(request, cancellationToken);
            return (service, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>(cancellationToken) : null);
        }));
    }

    /// <summary>The 503 that says which services did not answer, or null when all did.</summary>
    public static ProblemHttpResult? Silent<T>(IReadOnlyList<(string Service, T? Answer)> answers, string what)
        where T : class =>
        answers.Where(answer => answer.Answer is null).Select(answer => answer.Service).ToList() is { Count: > 0 } silent
            ? TypedResults.Problem(
                type: Problems.ServiceUnavailableType, title: "Service unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"{string.Join(", ", silent)} did not answer; {what} cannot be told whole. Try again.")
            : null;
}
