using System.Text.Json.Nodes;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Gateway;

/// <summary>What every service holds about one subject, each service's part under its name.</summary>
public sealed record PersonalInformationExport(string SubjectId, DateTimeOffset ExportedAt, IReadOnlyDictionary<string, JsonNode> Services);

/// <summary>
/// A person's access request [个人信息查阅] answered in one document (PIPL art. 45): what every service holds about
/// them, gathered from each service's export (<see cref="EveryService"/>), or nothing when a service does not answer.
/// </summary>
public static class PersonalInformation
{
    public static WebApplication MapPersonalInformation(this WebApplication app)
    {
        app.MapGet("/api/privacy/subjects/{subjectId}/export", ExportAsync)
            .WithTags("Privacy")
            .WithName("ExportPersonalInformation")
            .WithSummary("Everything every service holds about a person or a customer's contact, on their request, one part per service (administrators)")
            .RequireRoles();
        return app;
    }

    private static async Task<Results<Ok<PersonalInformationExport>, ProblemHttpResult>> ExportAsync(
        string subjectId, HttpContext http, IHttpClientFactory httpClients, TimeProvider clock, CancellationToken cancellationToken)
    {
        var answers = await EveryService.AskAsync<JsonNode>(
            http, httpClients, service => $"/api/{service}/privacy/subjects/{Uri.EscapeDataString(subjectId)}", cancellationToken);
        if (EveryService.Silent(answers, $"what is held about {subjectId}") is { } silent)
        {
            return silent;
        }

        return TypedResults.Ok(new PersonalInformationExport(
            subjectId, clock.GetUtcNow(), answers.ToDictionary(answer => answer.Service, answer => answer.Answer!, StringComparer.Ordinal)));
    }
}
