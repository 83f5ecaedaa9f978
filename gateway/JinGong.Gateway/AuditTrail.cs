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
        var answers = await EveryService.AskAsync<List<JsonElement>>(
            http, httpClients, service => $"/api/{service}/audit/correlations/{Uri.EscapeDataString(correlationId)}", cancellationToken);
        if (EveryService.Silent(answers, "the flow") is { } silent)
        {
            return silent;
        }

        return TypedResults.Ok<IReadOnlyList<JsonElement>>([.. answers
            .SelectMany(answer => answer.Answer!)
            .OrderBy(entry => entry.GetProperty("recordedAt").GetDateTimeOffset())
            .ThenBy(entry => entry.GetProperty("service").GetString(), StringComparer.Ordinal)
            .ThenBy(entry => entry.GetProperty("sequence").GetInt64())]);
    }
}
