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

    private static async Task<Results<Ok<Page<OrderView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? region = null, string? customer = null, string? salesRep = null, string? search = null, string? sort = null, string? customerId = null,
        int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = Page.Validate(page, pageSize);
        Sorts.Check(sort, errors);
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // A rep or regional manager lists their own region's, whatever they filter by.
        if (!http.TryNarrow(region, session.Query<Order>(), order => order.Region, out var query))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        query = query.WhereGiven(customer, order => order.Customer == customer).WhereGiven(customerId, order => order.CustomerId == customerId)
            .WhereGiven(salesRep, order => order.SalesRep == salesRep);
        // The start of its id, customer, delivery site or sales rep, whatever its case (within the caller's region, as above).
        if (ListSearch.Of(search) is { } start)
        {
            query = query.Where(order => order.Id.StartsWith(start, ListSearch.AnyCase) || order.Customer.StartsWith(start, ListSearch.AnyCase)
                || order.DeliverySite.StartsWith(start, ListSearch.AnyCase) || order.SalesRep.StartsWith(start, ListSearch.AnyCase));
        }

        return TypedResults.Ok(await Sorts.Apply(query, sort).PageAsync(session, OrdersModule.Orders, order => order.Id, page, pageSize, cancellationToken));
    }
}
