using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Catalogue.Listing;

/// <summary>
/// A model to list: its code, category, English name and its names in the API's other languages (<c>{"zh": "…"}</c>).
/// <c>occurredAt</c> defaults to now. Each model of the settings (<c>Catalogue:Models</c>) is written the same way, and
/// may leave out what has a default here (the settings' binder requires every other field).
/// </summary>
public sealed record ListModelRequest(
    string? Model, string? Category, string? Name, IReadOnlyDictionary<string, string?>? Names = null, DateTimeOffset? OccurredAt = null) : ICommandRequest;

public static class ListModelEndpoint
{
    public static RouteGroupBuilder MapListModel(this RouteGroupBuilder models)
    {
        models.MapPost("/", ListAsync)
            .WithName("ListCatalogueModel")
            .WithSummary("List a model in the catalogue: for the first time, again after its withdrawal, or again under another category or other names (as it is listed already: nothing changes)")
            .HonoursIfMatch()
            .RequireRoles(Roles.Executive);
        return models;
    }

    /// <summary>What is wrong with the request's fields: a 400 over HTTP, a refusal to start for a model of the settings.</summary>
    public static FieldErrors Validate(ListModelRequest request) =>
        new FieldErrors()
            .Id("model", request.Model)
            .Id("category", request.Category)
            .Required("name", request.Name)
            .Check("names", request.Names is null || request.Names.Values.All(name => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= FieldErrors.MaxTextLength),
                $"Each of the names is a text of 1 to {FieldErrors.MaxTextLength} characters.");

    /// <summary>The command a valid request stands for, decided at <paramref name="now"/>.</summary>
    public static ListModel Command(ListModelRequest request, DateTimeOffset now, bool fromSettings = false) =>
        new(request.Model!.Trim(), request.Category!.Trim(), request.Name!.Trim(),
            (request.Names ?? new Dictionary<string, string?>()).ToDictionary(name => name.Key, name => name.Value!.Trim(), StringComparer.Ordinal),
            (request.OccurredAt ?? now).ToUniversalTime(), now, fromSettings);

    private static Task<Results<Ok<CatalogueModelView>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ListModelRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        // Not looked at until the request is valid.
        session.DecideOrStartAsync(CatalogueModule.Models, CatalogueModel.StreamOf(request.Model?.Trim() ?? string.Empty), Validate(request), http,
            // The clock is read once the stream is loaded (CommandEndpoints).
            state => CatalogueDecider.Decide(Command(request, clock.GetUtcNow()), state), cancellationToken);
}
