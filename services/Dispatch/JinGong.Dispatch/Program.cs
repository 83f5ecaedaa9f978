using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Integration;
using JinGong.Dispatch.Regions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddSingleton(RegionMap.From(builder.Configuration));
builder.AddEventStore("dispatchdb", options =>
    {
        options.ConfigureCatalogue();
        options.ConfigureAllocation();
    })
    .PublishIntegrationEvents<DispatchIntegrationEvents>();
builder.AddMessageBus(bus =>
{
    bus.AddCatalogueConsumers();
    bus.AddAllocationConsumers();
});

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("dispatch").MapCatalogue().MapAllocations();
app.Run();
