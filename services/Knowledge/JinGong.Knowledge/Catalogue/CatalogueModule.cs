using Marten;
using MassTransit;

namespace JinGong.Knowledge.Catalogue;

public static class CatalogueModule
{
    public static void ConfigureCatalogue(this StoreOptions options)
    {
        options.Schema.For<CatalogueEntry>().UseOptimisticConcurrency(true);
        options.Schema.For<CatalogueCopy>();
    }

    public static void AddCatalogueCopy(this IBusRegistrationConfigurator bus) => bus.AddConsumer<CatalogueConsumers>();

    /// <summary>The copy is asked for whole at every start of the bus (<see cref="CatalogueRequester"/>).</summary>
    public static IServiceCollection AddCatalogueRequester(this IServiceCollection services)
    {
        services.AddBusObserver<CatalogueRequester>();
        return services;
    }
}
