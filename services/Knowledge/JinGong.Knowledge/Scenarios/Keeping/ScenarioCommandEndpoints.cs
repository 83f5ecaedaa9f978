using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Catalogue;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Spaces.Creating;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Scenarios.Keeping;

/// <summary>
/// A working condition [工况] as technical staff measure it: one-way haul distance (km), the haul road's steepest
/// gradient (%, negative when loaded downhill), payload per trip (t), the material moved and the climate.
/// </summary>
public sealed record WorkingConditionRequest(
    string? Name, decimal? HaulDistanceKm, decimal? GradientPercent, decimal? PayloadTonnes, string? Material, Climate? Climate, DateTimeOffset? OccurredAt)
    : ICommandRequest;

/// <summary>A model of the catalogue recommended for the condition, and why.</summary>
public sealed record RecommendModelRequest(string? Model, string? Rationale, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record WithdrawRecommendationRequest(string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>What a scenario command is made of: the scenario, the condition and model its address names (if any), the request, the caller and its times.</summary>
public sealed record ScenarioCommandInput<TRequest>(
    string ScenarioId, string? ConditionId, string? Model, TRequest Request, ScenarioAccess Access, string Caller, CatalogueEntry? Listing,
    DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// What a scenario's technical team keeps of it — its working conditions and the models recommended for each — each
/// decided with the caller's level in the scenario's space and their team, taking the one command path (<c>If-Match</c>
/// and <c>Idempotency-Key</c> honoured).
/// </summary>
public static class ScenarioCommandEndpoints
{
    public const decimal MaxHaulDistanceKm = 100m;
    public const decimal MaxGradientPercent = 30m;
    public const decimal MaxPayloadTonnes = 500m;
    public const int MaxRationaleLength = 2_000;

    public static RouteGroupBuilder MapScenarioCommands(this RouteGroupBuilder scenarios)
    {
        scenarios.MapScenarioCommand<WorkingConditionRequest>(
                "/{id}/conditions", "AddWorkingCondition", Validate,
                input => new AddWorkingCondition(input.ScenarioId, Terms(input.Request), input.Access, input.OccurredAt, input.Now))
            .WithSummary("Add a working condition to a scenario: haul distance, gradient, payload, material and climate (its technical team)");

        scenarios.MapScenarioCommand<WorkingConditionRequest>(
                "/{id}/conditions/{conditionId}", "ReviseWorkingCondition", Validate,
                input => new ReviseWorkingCondition(input.ScenarioId, input.ConditionId!, Terms(input.Request), input.Access, input.OccurredAt, input.Now))
            .WithSummary("Revise a working condition's terms (its scenario's technical team)");

        scenarios.MapScenarioCommand<RecommendModelRequest>(
                "/{id}/conditions/{conditionId}/recommendations", "RecommendModel",
                request => new FieldErrors().Required("model", request.Model).Required("rationale", request.Rationale, MaxRationaleLength),
                input => new RecommendModel(
                    input.ScenarioId, input.ConditionId!, input.Request.Model!.Trim(), input.Listing, input.Request.Rationale!.Trim(), input.Caller,
                    input.Access, input.OccurredAt, input.Now),
                request => request.Model)
            .WithSummary("Recommend a model of the catalogue for a working condition, saying why (its scenario's technical team)");

        scenarios.MapScenarioCommand<WithdrawRecommendationRequest>(
                "/{id}/conditions/{conditionId}/recommendations/{model}/withdrawal", "WithdrawRecommendation",
                request => new FieldErrors().Required("reason", request.Reason, PageText.MaxReasonLength),
                input => new WithdrawRecommendation(
                    input.ScenarioId, input.ConditionId!, input.Model!, input.Request.Reason!.Trim(), input.Caller, input.Access, input.OccurredAt, input.Now))
            .WithSummary("Withdraw a model's recommendation for a working condition, saying why (its scenario's technical team)");
        return scenarios;
    }

    private static FieldErrors Validate(WorkingConditionRequest request) =>
        new FieldErrors()
            .Required("name", request.Name)
            .Required("haulDistanceKm", request.HaulDistanceKm)
            .Check("haulDistanceKm", request.HaulDistanceKm is null or > 0m and <= MaxHaulDistanceKm, $"A haul is more than 0 and at most {MaxHaulDistanceKm} km.")
            .Required("gradientPercent", request.GradientPercent)
            .Check("gradientPercent", request.GradientPercent is null or >= -MaxGradientPercent and <= MaxGradientPercent,
                $"A haul road's gradient is between -{MaxGradientPercent} and {MaxGradientPercent} %.")
            .Required("payloadTonnes", request.PayloadTonnes)
            .Check("payloadTonnes", request.PayloadTonnes is null or > 0m and <= MaxPayloadTonnes, $"A payload is more than 0 and at most {MaxPayloadTonnes} t.")
            .Required("material", request.Material)
            .Required("climate", request.Climate);

    private static ConditionTerms Terms(WorkingConditionRequest request) =>
        new(request.Name!.Trim(), request.HaulDistanceKm!.Value, request.GradientPercent!.Value, request.PayloadTonnes!.Value, request.Material!.Trim(), request.Climate!.Value);

    /// <param name="modelOf">The model a request names, looked up in the catalogue's copy once the request is valid (none for commands that name none).</param>
    private static RouteHandlerBuilder MapScenarioCommand<TRequest>(
        this RouteGroupBuilder scenarios, string pattern, string name, Func<TRequest, FieldErrors> validate,
        Func<ScenarioCommandInput<TRequest>, ScenarioCommand> command, Func<TRequest, string?>? modelOf = null)
        where TRequest : ICommandRequest =>
        scenarios.MapPost(pattern, async Task<Results<Ok<ScenarioView>, ValidationProblem, ProblemHttpResult>> (
                string id, TRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var errors = validate(request);
                var access = await ScenariosModule.AccessAsync(http, session, id, cancellationToken);
                var listing = !errors.Any && modelOf?.Invoke(request)?.Trim() is { } model ? await session.LoadAsync<CatalogueEntry>(model, cancellationToken) : null;
                var conditionId = http.Request.RouteValues["conditionId"] as string;
                var routeModel = http.Request.RouteValues["model"] as string;
                return await session.DecideAsync(ScenariosModule.Scenarios, id, errors, http, state =>
                {
                    // Read once the stream is loaded, as the shared command endpoints do.
                    var now = clock.GetUtcNow();
                    return ScenarioDecider.Decide(
                        command(new(id, conditionId, routeModel, request, access, PageText.Author(http), listing, (request.OccurredAt ?? now).ToUniversalTime(), now)), state);
                }, cancellationToken);
            })
            .WithName(name)
            .HonoursIfMatch()
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
}
