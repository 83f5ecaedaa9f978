using JinGong.ServiceDefaults.Http;
using JinGong.ServiceDefaults.Security;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Orders.Reading;

public static class ListOrdersEndpoint
{
    public static RouteGroupBuilder MapListOrders(this RouteGroupBuilder orders)
    {
        orders.MapGet("/", ListAsync)
            .WithName("ListOrders")
            .WithSummary("Orders by region, customer and sales rep, newest first, a page at a time, with their receivables");
        return orders;
    }

    private static async Task<Results<Ok<Page<Order>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? region = null, string? customer = null, string? salesRep = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var query = session.Query<Order>().AsQueryable();
        // A rep or regional manager lists their own region's, whatever they filter by.
        var asked = region;
        if (!http.User.TryNarrow(asked, out region))
        {
            return Problems.OutsideRegion("What was asked for", asked);
        }

        if (region is not null)
        {
            query = query.Where(order => order.Region == region);
        }

        if (customer is not null)
        {
            query = query.Where(order => order.Customer == customer);
        }

        if (salesRep is not null)
        {
            query = query.Where(order => order.SalesRep == salesRep);
        }

        var found = await query.OrderByDescending(order => order.PlacedAt).ToPagedListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<Order>([.. found], page, pageSize, found.TotalItemCount));
    }
}
