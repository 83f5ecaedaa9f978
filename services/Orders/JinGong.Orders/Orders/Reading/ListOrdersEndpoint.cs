using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
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

    private static async Task<Results<Ok<Page<OrderView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? region = null, string? customer = null, string? salesRep = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        if (Page.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        // A rep or regional manager lists their own region's, whatever they filter by.
        if (!http.TryNarrow(region, session.Query<Order>(), order => order.Region, out var query))
        {
            return Problems.OutsideRegion("What was asked for", region);
        }

        query = query.WhereGiven(customer, order => order.Customer == customer).WhereGiven(salesRep, order => order.SalesRep == salesRep);
        return TypedResults.Ok(await query.OrderByDescending(order => order.PlacedAt).PageAsync(session, OrdersModule.Orders, order => order.Id, page, pageSize, cancellationToken));
    }
}
