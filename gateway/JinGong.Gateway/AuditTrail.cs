using System.Text.Json;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Gateway;

/// <summary>
/// One business flow across the whole system: every event of one correlation id in every service, gathered from each
/// service's audit API and put in the order they were recorded — the form filled, the order, its vehicles, the OKR
/// moves, the last payment.
/// </summary>
public static class AuditTrail
{
    public const string HttpClientName = "audit";

    public static WebApplication MapAuditTrail(this WebApplication app)
    {
        app.MapGet("/api/audit/correlations/{correlationId}", FlowAsync)
            .WithTags("Audit")
            .WithName("AuditBusinessFlow")
            .WithSummary("Every event of one business flow (correlation id) in every service, in the order it was recorded")
            .RequireRoles(Roles.Auditor, Roles.Executive);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<JsonElement>>, ProblemHttpResult>> FlowAsync(
        string correlationId, HttpContext http, IHttpClientFactory httpClients, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var answers = await Task.WhenAll(ServiceRoutes.Services.Select(async service =>
        {
            // Each service checks the caller's token again: the gateway asks on their behalf, not its own.
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{service}/api/{service}/audit/correlations/{Uri.EscapeDataString(correlationId)}");
            request.Headers.TryAddWithoutValidation("Authorization", http.Request.Headers.Authorization.ToString());
            using var response = await client.SendAsync(request, cancellationToken);
            return (Service: service, Events: response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<List<JsonElement>>(cancellationToken) : null);
        }));

        // An audit trail with a service missing would look complete and not be: refuse it instead.
        if (answers.Where(answer => answer.Events is null).Select(answer => answer.Service).ToList() is { Count: > 0 } silent)
        {
            return TypedResults.Problem(
                type: Problems.ServiceUnavailableType, title: "Service unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"{string.Join(", ", silent)} did not answer; the flow cannot be told whole. Try again.");
        }

        return TypedResults.Ok<IReadOnlyList<JsonElement>>([.. answers
            .SelectMany(answer => answer.Events!)
            .OrderBy(entry => entry.GetProperty("recordedAt").GetDateTimeOffset())
            .ThenBy(entry => entry.GetProperty("service").GetString(), StringComparer.Ordinal)
            .ThenBy(entry => entry.GetProperty("sequence").GetInt64())]);
    }
}
