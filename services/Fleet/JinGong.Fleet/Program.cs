using JinGong.Fleet.Integration;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Utilization;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.Services.AddSingleton(UtilizationSettings.From(builder.Configuration));
builder.AddEventStore("fleetdb", options => options.ConfigureVehicles())
    .PublishIntegrationEvents<FleetIntegrationEvents>();
builder.AddMessageBus(bus => bus.AddDispatchRequestConsumers());

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("fleet").MapVehicles();
app.Run();
