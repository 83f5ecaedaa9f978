using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Pages;
using Marten;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace JinGong.Knowledge.Links;

public static class LinksModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Links",
        "Links between pages and from pages to the system's records (vehicle:, order:, opportunity:, model:): backlinks and mentions, as the pages read now.");

    public static void ConfigureLinks(this StoreOptions options)
    {
        // Inline: a page published with a link shows in its target's backlinks on the next request, never half-written.
        options.Projections.Add(new EvolvingProjection<PageLinks>(typeof(IPageEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<PageLinks>()
            .Duplicate(links => links.Targets, "text[]", NpgsqlDbType.Array | NpgsqlDbType.Text, index => index.Method = IndexMethod.gin);
    }

    public static RouteGroupBuilder MapLinks(this RouteGroupBuilder api)
    {
        api.MapGroup("/pages").WithTag(Tag).MapBacklinks();
        api.MapGroup("/links").WithTag(Tag).MapMentions();
        return api;
    }
}
