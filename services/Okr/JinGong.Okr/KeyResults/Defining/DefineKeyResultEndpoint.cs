using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Okr.Objectives;
using JinGong.Okr.Objectives.Setting;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Okr.KeyResults.Defining;

public sealed record MetricFilterRequest(string? Region, string? Team, string? SalesRep, string? Model);

/// <summary>
/// A key result on an objective: from <c>start</c> to <c>target</c> in <c>unit</c>, weighed by <c>weight</c> (default 1).
/// Without <c>metric</c> it is checked in by hand; with one (<c>units-sold</c>, <c>units-delivered</c>,
/// <c>amount-collected</c>, <c>collection-rate</c>, <c>conversion-rate</c>) and an optional <c>filter</c>, it moves by
/// itself from business events over the objective's period.
/// </summary>
public sealed record DefineKeyResultRequest(
    string? Title, decimal? Start, decimal? Target, string? Unit, decimal? Weight, string? Metric, MetricFilterRequest? Filter, DateTimeOffset? OccurredAt);

public static class DefineKeyResultEndpoint
{
    /// <summary>Far beyond any count or yuan amount a key result aims at, and far from decimal's limits.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    public static RouteGroupBuilder MapDefineKeyResult(this RouteGroupBuilder objectives)
    {
        objectives.MapPost("/{id}/key-results", DefineAsync)
            .WithName("DefineKeyResult")
            .WithSummary("Define a key result on an objective: checked in by hand, or bound to a business metric that moves it by itself")
            .RequireRoles(Writers.OwningRoles)
            .WrittenByTheOwnerChain();
        return objectives;
    }

    private static async Task<Results<Created<KeyResultView>, ValidationProblem, ProblemHttpResult>> DefineAsync(
        string id, DefineKeyResultRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (binding, errors) = Validate(request);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var now = clock.GetUtcNow();
        var objective = await session.LoadAsync<Objective>(id, cancellationToken);
        return await session.UnderNewIdAsync(http, "KR", (attempt, keyResultId) =>
        {
            var command = new DefineKeyResult(
                keyResultId, id, request.Title!.Trim(), request.Start!.Value, request.Target!.Value, request.Unit!.Trim(), request.Weight ?? 1m, binding,
                (request.OccurredAt ?? now).ToUniversalTime(), now);
            return attempt.StartAsync(
                KeyResultsModule.KeyResults, keyResultId, $"/api/okr/key-results/{keyResultId}", http, current => KeyResultDecider.Decide(command, current, objective),
                alreadyThere: null, cancellationToken);
        });
    }

    private static (Binding? Binding, FieldErrors Errors) Validate(DefineKeyResultRequest request)
    {
        var metric = request.Metric is null ? (Metric?)null : Metrics.ByName.TryGetValue(request.Metric.Trim(), out var known) ? known : null;
        var errors = new FieldErrors()
            .Required("title", request.Title)
            .Required("unit", request.Unit)
            .Required("start", request.Start)
            .Check("start", request.Start is null || Math.Abs(request.Start.Value) <= MaxMagnitude, $"The start lies within ±{MaxMagnitude:0}.")
            .Required("target", request.Target)
            .Check("target", request.Target is null || Math.Abs(request.Target.Value) <= MaxMagnitude, $"The target lies within ±{MaxMagnitude:0}.")
            .Check("target", request.Target is null || request.Target != request.Start, $"The target equals the start: there is no way to go, so no progress to measure.")
            .Weight(request.Weight)
            .Check("metric", request.Metric is null || metric is not null, $"The metric is one of {string.Join(", ", Metrics.ByName.Keys)} (or left out for a key result checked in by hand).")
            .Check("filter", request.Filter is null || request.Metric is not null, $"A filter belongs to a bound key result: name its metric.");
        if (metric is { } ratio && ratio.IsRatio())
        {
            errors.Check("start", request.Start is null or >= 0 and <= 1, $"A rate's start is a share from 0 to 1 (0.85 for 85 %).")
                .Check("target", request.Target is null or >= 0 and <= 1, $"A rate's target is a share from 0 to 1 (0.85 for 85 %).");
        }

        var filter = request.Filter is { } given
            ? new MetricFilter(FieldErrors.Trimmed(given.Region), FieldErrors.Trimmed(given.Team), FieldErrors.Trimmed(given.SalesRep), FieldErrors.Trimmed(given.Model))
            : MetricFilter.All;
        foreach (var (field, value) in new[] { ("region", filter.Region), ("team", filter.Team), ("salesRep", filter.SalesRep), ("model", filter.Model) })
        {
            errors.Check($"filter.{field}", value is null || value.Length <= FieldErrors.MaxTextLength, $"The filter's {field} has at most {FieldErrors.MaxTextLength} characters.");
        }

        if (metric is { } unmodelled && !unmodelled.HasModels())
        {
            errors.Check("filter.model", filter.Model is null, $"Payments and invoices are not per model: this metric takes no model filter.");
        }

        return (metric is { } bound ? new Binding(bound, filter) : null, errors);
    }
}
