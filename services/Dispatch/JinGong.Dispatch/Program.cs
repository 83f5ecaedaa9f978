using JinGong.Dispatch.Catalogue;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventStore("dispatchdb", options => options.ConfigureCatalogue());
builder.AddMessageBus(bus => bus.AddCatalogueConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("dispatch").MapCatalogue();
app.Run();
