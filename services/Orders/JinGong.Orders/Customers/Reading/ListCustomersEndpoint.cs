using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Customers.Reading;

public static class ListCustomersEndpoint
{
    /// <summary>The columns customers sort by (<c>?sort=</c>, <c>-</c> before one for descending); by name otherwise.</summary>
    public static readonly SortColumns<Customer> Sorts = new SortColumns<Customer>("id", customer => customer.Id, fallback: "name")
        .By("name", customer => customer.Name)
        .By("region", customer => customer.Region)
        .By("registeredAt", customer => customer.RegisteredAt);

    public static RouteGroupBuilder MapListCustomers(this RouteGroupBuilder customers)
    {
        customers.MapGet("/", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("Customers by region, searched by the start of their name or id, sorted (by name unless asked), a page at a time");
        return customers;
    }

    private static Task<Results<Ok<Page<CustomerView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? region = null, string? search = null, string? sort = null, int page = 1, int pageSize = Page.DefaultSize) =>
        http.ListInRegionAsync(session.Query<Customer>(), customer => customer.Region, region, Sorts, sort, search, page, pageSize,
            (customers, start) => customers.WhereGiven(start, customer => customer.Name.StartsWith(start!, ListSearch.AnyCase) || customer.Id.StartsWith(start!, ListSearch.AnyCase)),
            sorted => sorted.PageAsync(session, CustomersModule.Customers, customer => customer.Id, page, pageSize, cancellationToken));
}
