var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventStore("fleetdb");
builder.AddMessageBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("fleet");
app.Run();
