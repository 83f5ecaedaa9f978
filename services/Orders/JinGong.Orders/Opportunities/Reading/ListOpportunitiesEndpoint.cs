using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Orders.Figures;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Opportunities.Reading;

public static class ListOpportunitiesEndpoint
{
    public static RouteGroupBuilder MapListOpportunities(this RouteGroupBuilder opportunities)
    {
        opportunities.MapGet("/", ListAsync)
            .WithName("ListOpportunities")
            .WithSummary("Opportunities by stage, region and sales rep, newest first, a page at a time");
        return opportunities;
    }

    private static async Task<Results<Ok<Page<OpportunityView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        OpportunityStage? stage = null, string? region = null, string? salesRep = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        // A rep or regional manager lists their own region's, whatever they filter by.
        if (!http.TryNarrow(region, session.Query<Opportunity>(), opportunity => opportunity.Region, out var query))
        {
            return Problems.OutsideRegion("What was asked for", region);
        }

        query = query.WhereGiven(stage, opportunity => opportunity.Stage == stage).WhereGiven(salesRep, opportunity => opportunity.SalesRep == salesRep);
        return TypedResults.Ok(await query.OrderByDescending(opportunity => opportunity.FiledAt).PageAsync(session, OpportunitiesModule.Opportunities, opportunity => opportunity.Id, page, pageSize, cancellationToken));
    }
}
