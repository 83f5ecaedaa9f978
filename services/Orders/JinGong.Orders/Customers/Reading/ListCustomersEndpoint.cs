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

    private static async Task<Results<Ok<Page<CustomerView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken,
        string? region = null, string? search = null, string? sort = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = Page.Validate(page, pageSize);
        Sorts.Check(sort, errors);
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // A rep or regional manager lists their own region's customers, whatever they filter by.
        if (!http.TryNarrow(region, session.Query<Customer>(), customer => customer.Region, out var query))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        if (ListSearch.Of(search) is { } start)
        {
            query = query.Where(customer => customer.Name.StartsWith(start, ListSearch.AnyCase) || customer.Id.StartsWith(start, ListSearch.AnyCase));
        }

        return TypedResults.Ok(await Sorts.Apply(query, sort).PageAsync(session, CustomersModule.Customers, customer => customer.Id, page, pageSize, cancellationToken));
    }
}
