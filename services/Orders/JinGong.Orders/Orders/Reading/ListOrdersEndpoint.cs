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
            .WithSummary("Orders by region, customer (its name, or customerId) and sales rep, searched and sorted (newest first unless asked), a page at a time, with their receivables");
        return orders;
    }

    /// <summary>The columns orders sort by (<c>?sort=</c>, <c>-</c> before one for descending); newest first otherwise.</summary>
    public static readonly SortColumns<Order> Sorts = new SortColumns<Order>("id", order => order.Id, fallback: "-placedAt")
        .By("customer", order => order.Customer)
        .By("region", order => order.Region)
        .By("salesRep", order => order.SalesRep)
        .By("deliverySite", order => order.DeliverySite)
        .By("placedAt", order => order.PlacedAt);

    private static Task<Results<Ok<Page<OrderView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? region = null, string? customer = null, string? salesRep = null, string? search = null, string? sort = null, string? customerId = null,
        int page = 1, int pageSize = Page.DefaultSize) =>
        http.ListInRegionAsync(session.Query<Order>(), order => order.Region, region, Sorts, sort, search, page, pageSize,
            (orders, start) => orders.WhereGiven(customer, order => order.Customer == customer).WhereGiven(customerId, order => order.CustomerId == customerId)
                .WhereGiven(salesRep, order => order.SalesRep == salesRep)
                // The start of its id, customer, delivery site or sales rep, whatever its case.
                .WhereGiven(start, order => order.Id.StartsWith(start!, ListSearch.AnyCase) || order.Customer.StartsWith(start!, ListSearch.AnyCase)
                    || order.DeliverySite.StartsWith(start!, ListSearch.AnyCase) || order.SalesRep.StartsWith(start!, ListSearch.AnyCase)),
            sorted => sorted.PageAsync(session, OrdersModule.Orders, order => order.Id, page, pageSize, cancellationToken));
}
