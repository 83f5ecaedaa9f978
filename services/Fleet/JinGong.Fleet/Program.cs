using JinGong.Fleet.Integration;
using JinGong.Fleet.Vehicles;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventStore("fleetdb", options => options.ConfigureVehicles())
    .PublishIntegrationEvents<FleetIntegrationEvents>();
builder.AddMessageBus(bus => bus.AddDispatchRequestConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("fleet").MapVehicles();
app.Run();
