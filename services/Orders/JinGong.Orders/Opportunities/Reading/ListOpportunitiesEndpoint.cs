using JinGong.Orders.Figures;
using JinGong.ServiceDefaults.Http;
using JinGong.ServiceDefaults.Security;
using Marten;
using Marten.Pagination;
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

    private static async Task<Results<Ok<Page<Opportunity>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        OpportunityStage? stage = null, string? region = null, string? salesRep = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<Opportunity>().AsQueryable();
        if (stage is not null)
        {
            query = query.Where(opportunity => opportunity.Stage == stage);
        }

        // A rep or regional manager lists their own region's, whatever they filter by.
        var asked = region;
        if (!http.User.TryNarrow(asked, out region))
        {
            return Problems.OutsideRegion("What was asked for", asked);
        }

        if (region is not null)
        {
            query = query.Where(opportunity => opportunity.Region == region);
        }

        if (salesRep is not null)
        {
            query = query.Where(opportunity => opportunity.SalesRep == salesRep);
        }

        var found = await query.OrderByDescending(opportunity => opportunity.FiledAt).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<Opportunity>([.. found], page, pageSize, found.TotalItemCount));
    }
}
