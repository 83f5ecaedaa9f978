using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Pages;
using Marten;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace JinGong.Knowledge.Search;

public static class SearchModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Search",
        "Full-text search over every space's pages, in Chinese and in model codes alike, with the matches marked in each result.");

    public static void ConfigureSearch(this StoreOptions options)
    {
        // Inline: a page published is found by the next request, and never without its text (same transaction).
        options.Projections.Add(new EvolvingProjection<PageSearch>(typeof(IPageEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<PageSearch>()
            .Duplicate(search => search.SpaceId)
            .Duplicate(search => search.Tokens, "text[]", NpgsqlDbType.Array | NpgsqlDbType.Text, index => index.Method = IndexMethod.gin);
    }

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapGroup("/search").WithTag(Tag).MapSearchPages();
        return api;
    }
}
