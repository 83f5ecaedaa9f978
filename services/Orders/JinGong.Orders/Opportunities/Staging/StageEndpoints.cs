using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Orders.Figures;

namespace JinGong.Orders.Opportunities.Staging;

public sealed record MoveOpportunityRequest(OpportunityStage? Stage, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record WinOpportunityRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record CloseOpportunityRequest(string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>An opportunity moves through lead, qualified, proposal and negotiation, ends won or lost, and may be reopened.</summary>
public static class StageEndpoints
{
    public static RouteGroupBuilder MapStages(this RouteGroupBuilder opportunities)
    {
        opportunities.MapStreamCommand<MoveOpportunityRequest, Opportunity, OpportunityView>(
            "/{id}/stage", "MoveOpportunity", OpportunitiesModule.Opportunities,
            request => new FieldErrors()
                .Required("stage", request.Stage)
                .Check("stage", request.Stage is null or < OpportunityStage.Won, $"Move to lead, qualified, proposal or negotiation; an opportunity is won or lost with its own command."),
            (id, request, occurredAt, now) => state => OpportunityDecider.Decide(new MoveOpportunity(id, request.Stage!.Value, occurredAt, now), state))
            .WithSummary("Move an open opportunity to another stage")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);

        opportunities.MapStreamCommand<WinOpportunityRequest, Opportunity, OpportunityView>(
            "/{id}/won", "WinOpportunity", OpportunitiesModule.Opportunities,
            _ => new FieldErrors(),
            (id, _, occurredAt, now) => state => OpportunityDecider.Decide(new WinOpportunity(id, occurredAt, now), state))
            .WithSummary("The customer said yes")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);

        opportunities.MapStreamCommand<CloseOpportunityRequest, Opportunity, OpportunityView>(
            "/{id}/lost", "LoseOpportunity", OpportunitiesModule.Opportunities,
            request => new FieldErrors().Required("reason", request.Reason),
            (id, request, occurredAt, now) => state => OpportunityDecider.Decide(new LoseOpportunity(id, request.Reason!.Trim(), occurredAt, now), state))
            .WithSummary("The customer said no, and why")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);

        opportunities.MapStreamCommand<CloseOpportunityRequest, Opportunity, OpportunityView>(
            "/{id}/reopening", "ReopenOpportunity", OpportunitiesModule.Opportunities,
            request => new FieldErrors().Required("reason", request.Reason),
            (id, request, occurredAt, now) => state => OpportunityDecider.Decide(new ReopenOpportunity(id, request.Reason!.Trim(), occurredAt, now), state))
            .WithSummary("Open a won or lost opportunity again, at the stage it was closed from, saying why")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);
        return opportunities;
    }
}
