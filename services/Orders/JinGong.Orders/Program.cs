using JinGong.Orders.Catalogue;
using JinGong.Orders.Figures;
using JinGong.Orders.Integration;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.Services.AddSingleton(ProductCatalogue.From(builder.Configuration));
builder.AddEventStore("ordersdb", options =>
    {
        options.ConfigureOpportunities();
        options.ConfigureOrders();
    })
    .PublishIntegrationEvents<OrdersIntegrationEvents>();
builder.AddMessageBus(bus => bus.AddOrderConsumers());

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("orders").MapCatalogue().MapOpportunities().MapOrders().MapFigures();
app.Run();
