using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Http.Security;

/// <summary>
/// A list of records that belong to a region, sorted, searched and read a page at a time (orders, opportunities,
/// customers): the request is checked first (a 400 naming each field), then narrowed to the caller's region (a rep or
/// regional manager lists their own region's, whatever they filter by; asking for another is a 403), and only then
/// filtered, searched, sorted and paged — the same steps in the same order for every such list.
/// </summary>
public static class RegionLists
{
    /// <param name="all">Every record of the kind, before any narrowing.</param>
    /// <param name="regionOf">The region a record belongs to.</param>
    /// <param name="region">The region asked for (<c>?region=</c>), if any.</param>
    /// <param name="filter">The list's own filters and its search: the query within the caller's region, and the start of a
    /// name or code searched for (<see cref="ListSearch"/>; null when nothing is).</param>
    /// <param name="pageOf">The page asked for of the sorted query, as clients read its items.</param>
    public static async Task<Results<Ok<Page<TView>>, ValidationProblem, ProblemHttpResult>> ListInRegionAsync<T, TView>(
        this HttpContext http, IQueryable<T> all, Expression<Func<T, string>> regionOf, string? region,
        SortColumns<T> sorts, string? sort, string? search, int page, int pageSize,
        Func<IQueryable<T>, string?, IQueryable<T>> filter, Func<IQueryable<T>, Task<Page<TView>>> pageOf)
    {
        var errors = Page.Validate(page, pageSize);
        sorts.Check(sort, errors);
        ListSearch.Check(search, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!http.TryNarrow(region, all, regionOf, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        return TypedResults.Ok(await pageOf(sorts.Apply(filter(narrowed, ListSearch.Of(search)), sort)));
    }
}
