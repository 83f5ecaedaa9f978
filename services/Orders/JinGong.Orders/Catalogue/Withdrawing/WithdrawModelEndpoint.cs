using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Catalogue.Withdrawing;

/// <summary>Why the model is no longer sold. <c>occurredAt</c> defaults to now.</summary>
public sealed record WithdrawModelRequest(string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

public static class WithdrawModelEndpoint
{
    public static RouteGroupBuilder MapWithdrawModel(this RouteGroupBuilder models)
    {
        models.MapPost("/{model}/withdrawal", WithdrawAsync)
            .WithName("WithdrawCatalogueModel")
            .WithSummary("Withdraw a model from the catalogue, saying why: new opportunities and orders can no longer name it, those that do keep it (withdrawn already: nothing changes)")
            .HonoursIfMatch()
            .RequireRoles(Roles.Executive);
        return models;
    }

    private static Task<Results<Ok<CatalogueModelView>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        string model, WithdrawModelRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        // The decider refuses a model the catalogue never listed, so nothing is started.
        session.DecideOrStartAsync(CatalogueModule.Models, CatalogueModel.StreamOf(model), new FieldErrors().Required("reason", request.Reason), http, state =>
        {
            var now = clock.GetUtcNow();
            return CatalogueDecider.Decide(new WithdrawModel(model, request.Reason!.Trim(), (request.OccurredAt ?? now).ToUniversalTime(), now), state);
        }, cancellationToken);
}
