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
            .WithSummary("Opportunities by stage, region, sales rep and customerId, searched and sorted (newest first unless asked), a page at a time");
        return opportunities;
    }

    /// <summary>The columns opportunities sort by (<c>?sort=</c>, <c>-</c> before one for descending); newest first otherwise.</summary>
    public static readonly SortColumns<Opportunity> Sorts = new SortColumns<Opportunity>("id", opportunity => opportunity.Id, fallback: "-filedAt")
        .By("customer", opportunity => opportunity.Customer)
        .By("region", opportunity => opportunity.Region)
        .By("salesRep", opportunity => opportunity.SalesRep)
        // In the order of the funnel: lead, qualified, proposal, negotiation, won, lost.
        .By("stage", opportunity => opportunity.Stage)
        .By("expectedAmount", opportunity => opportunity.ExpectedAmount)
        .By("expectedCloseDate", opportunity => opportunity.ExpectedCloseDate)
        .By("filedAt", opportunity => opportunity.FiledAt);

    private static Task<Results<Ok<Page<OpportunityView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        OpportunityStage? stage = null, string? region = null, string? salesRep = null, string? search = null, string? sort = null, string? customerId = null,
        int page = 1, int pageSize = Page.DefaultSize) =>
        http.ListInRegionAsync(session.Query<Opportunity>(), opportunity => opportunity.Region, region, Sorts, sort, search, page, pageSize,
            (opportunities, start) => opportunities.WhereGiven(stage, opportunity => opportunity.Stage == stage)
                .WhereGiven(salesRep, opportunity => opportunity.SalesRep == salesRep).WhereGiven(customerId, opportunity => opportunity.CustomerId == customerId)
                // The start of its id, customer or sales rep, whatever its case.
                .WhereGiven(start, opportunity => opportunity.Id.StartsWith(start!, ListSearch.AnyCase) || opportunity.Customer.StartsWith(start!, ListSearch.AnyCase)
                    || opportunity.SalesRep.StartsWith(start!, ListSearch.AnyCase)),
            sorted => sorted.PageAsync(session, OpportunitiesModule.Opportunities, opportunity => opportunity.Id, page, pageSize, cancellationToken));
}
