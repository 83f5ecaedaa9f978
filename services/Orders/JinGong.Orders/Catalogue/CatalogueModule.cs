using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Orders.Catalogue.Listing;
using JinGong.Orders.Catalogue.Reading;
using JinGong.Orders.Catalogue.Seeding;
using JinGong.Orders.Catalogue.Showing;
using JinGong.Orders.Catalogue.Withdrawing;
using Marten;
using MassTransit;

namespace JinGong.Orders.Catalogue;

/// <summary>
/// The catalogue [产品目录] as events: each model's stream says when it was listed, under which category and names, and when
/// it was withdrawn. Executives list and withdraw models; the settings' models (<c>Catalogue:Models</c>) are listed at start
/// when the catalogue has never held them (<see cref="ConfiguredModels"/>); other services hear of every change on the bus,
/// and may ask for the whole catalogue (<see cref="CatalogueRequestedConsumer"/>).
/// </summary>
public static class CatalogueModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Catalogue",
        "The models the company sells, which opportunities and orders name: listed and withdrawn by executives.");

    /// <summary>Model streams, as the shared command handling sees them.</summary>
    public static readonly StreamKind<CatalogueModel, CatalogueModelView> Models =
        new("Model", CatalogueDecider.NotFound, CatalogueModel.Evolve, CatalogueModelView.From, e => ((ICatalogueModelEvent)e).OccurredAt);

    public static void ConfigureCatalogue(this StoreOptions options)
    {
        // Inline: a model listed or withdrawn is what the next opportunity or order is decided with.
        options.Projections.Add(new EvolvingProjection<CatalogueModel>(typeof(ICatalogueModelEvent)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<ModelListed>("catalogue_model_listed_v1");
        options.Events.MapEventType<ModelListingChanged>("catalogue_model_listing_changed_v1");
        options.Events.MapEventType<ModelWithdrawn>("catalogue_model_withdrawn_v1");
    }

    /// <summary>The settings' models, listed before orders answers its first request. Call it after <c>AddEventStore</c>, whose start makes the tables.</summary>
    public static IHostApplicationBuilder AddConfiguredModels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ConfiguredModels>();
        return builder;
    }

    public static void AddCatalogueConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<CatalogueRequestedConsumer>();

    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTag(Tag);
        models.MapListModels();
        models.MapListModel();
        models.MapWithdrawModel();
        return api;
    }

    /// <summary>The catalogue's records of <paramref name="models"/>, by code (a model it never listed is absent): what a new opportunity or order is decided with.</summary>
    public static async Task<IReadOnlyDictionary<string, CatalogueModel>> RecordsOfAsync(
        this IQuerySession session, IEnumerable<string> models, CancellationToken cancellationToken) =>
        (await session.LoadManyAsync<CatalogueModel>(cancellationToken, models.Distinct().Select(CatalogueModel.StreamOf)))
            .ToDictionary(model => model.Model, StringComparer.Ordinal);
}
