using JinGong.EventSourcing.Privacy;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Customers;
using JinGong.Orders.Figures;
using JinGong.Orders.Integration;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddEventStore("ordersdb", options =>
    {
        options.ConfigureCatalogue();
        options.ConfigureCustomers();
        options.ConfigureOpportunities();
        options.ConfigureOrders();
    })
    .PublishIntegrationEvents<OrdersIntegrationEvents>();
builder.AddMessageBus(bus =>
{
    bus.AddCatalogueConsumers();
    bus.AddOrderConsumers();
    bus.ForgetErasedPeople();
});
builder.AddConfiguredModels();
builder.AddCustomersFromHistory();

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("orders").MapCatalogue().MapCustomers().MapOpportunities().MapOrders().MapFigures();
app.Run();
