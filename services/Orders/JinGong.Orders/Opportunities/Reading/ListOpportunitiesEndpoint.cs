using JinGong.Orders.Figures;
using JinGong.ServiceDefaults.Http;
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

    private static async Task<Results<Ok<Page<Opportunity>>, ValidationProblem>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken,
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
