using JinGong.EventSourcing.Privacy;
using JinGong.Fleet.Integration;
using JinGong.Fleet.Sites;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Fleet.Warehouses;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.Services.AddSingleton(UtilizationSettings.From(builder.Configuration));
builder.AddCompanyRegions();
builder.AddEventStore("fleetdb", options =>
    {
        options.ConfigureVehicles();
        options.ConfigureWarehouses();
        options.ConfigureSites();
    })
    .PublishIntegrationEvents<FleetIntegrationEvents>();
builder.AddMessageBus(bus =>
{
    bus.AddDispatchRequestConsumers();
    bus.ForgetErasedPeople();
});
builder.AddHomeWarehouses();
builder.AddReadings();

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("fleet").MapVehicles().MapWarehouses().MapSites();
app.Run();
