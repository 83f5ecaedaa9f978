using System.Text.Json.Nodes;
using JinGong.Contracts.Orders;
using JinGong.Contracts.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Gateway;

/// <summary>What every service holds about one subject, each service's part under its name.</summary>
public sealed record PersonalInformationExport(string SubjectId, DateTimeOffset ExportedAt, IReadOnlyDictionary<string, JsonNode> Services);

/// <summary>An erasure asked for: whom (a person's id, a customer's contact's id), why, and the request's own reference.</summary>
public sealed record ErasureRequest(string? Kind, string? SubjectId, string? Reason, string? Reference);

/// <summary>
/// A person's access request [个人信息查阅] answered in one document (PIPL art. 45): what every service holds about
/// them, gathered from each service's export (<see cref="EveryService"/>), or nothing when a service does not answer; and
/// their erasure [删除个人信息] (PIPL art. 47), sent to the service that owns the subject's record: OKR for a person (it
/// tells every service), orders for a customer's contact. That service's answer is the gateway's.
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
        app.MapPost("/api/privacy/erasures", EraseAsync)
            .WithTags("Privacy")
            .WithName("EraseSubject")
            .WithSummary("Erase a person who left or a customer's contact, on their request (administrators): the owner of their record answers")
            .RequireRoles();
        return app;
    }

    private static async Task<IResult> EraseAsync(ErasureRequest request, HttpContext http, IHttpClientFactory httpClients, CancellationToken cancellationToken)
    {
        var customer = request.Kind == SubjectKinds.CustomerContact && request.SubjectId is { } contactId ? CustomerIds.CustomerOfContact(contactId.Trim()) : null;
        var errors = new FieldErrors()
            .Check("kind", request.Kind is { } kind && SubjectKinds.All.Contains(kind), $"The kind is one of {string.Join(", ", SubjectKinds.All)}.")
            .Id("subjectId", request.SubjectId)
            .Check("subjectId", request.Kind != SubjectKinds.CustomerContact || customer is not null, $"A contact's id is its customer's and its number, e.g. CUS-3F9A0C12B7-C1.")
            .Required("reason", request.Reason)
            .Required("reference", request.Reference);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var subject = Uri.EscapeDataString(request.SubjectId!.Trim());
        var owner = request.Kind == SubjectKinds.Person
            ? $"http://okr/api/okr/people/{subject}/erasure"
            : $"http://orders/api/orders/customers/{Uri.EscapeDataString(customer!)}/contacts/{subject}/erasure";
        using var forwarded = new HttpRequestMessage(HttpMethod.Post, owner) { Content = JsonContent.Create(new { request.Reason, request.Reference }) };
        forwarded.Headers.TryAddWithoutValidation("Authorization", http.Request.Headers.Authorization.ToString());
        forwarded.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, http.GetCorrelationId());
        using var answer = await httpClients.CreateClient(EveryService.HttpClientName).SendAsync(forwarded, cancellationToken);
        return Results.Content(
            await answer.Content.ReadAsStringAsync(cancellationToken), answer.Content.Headers.ContentType?.ToString(), statusCode: (int)answer.StatusCode);
    }

    private static async Task<Results<Ok<PersonalInformationExport>, ProblemHttpResult>> ExportAsync(
        string subjectId, HttpContext http, IHttpClientFactory httpClients, TimeProvider clock, CancellationToken cancellationToken)
    {
        var answers = await EveryService.AskAsync<JsonNode>(
            http, httpClients, service => $"/api/{service}/privacy/subjects/{Uri.EscapeDataString(subjectId)}", cancellationToken, ServiceRoutes.All);
        if (EveryService.Silent(answers, $"what is held about {subjectId}") is { } silent)
        {
            return silent;
        }

        return TypedResults.Ok(new PersonalInformationExport(
            subjectId, clock.GetUtcNow(), answers.ToDictionary(answer => answer.Service, answer => answer.Answer!, StringComparer.Ordinal)));
    }
}
