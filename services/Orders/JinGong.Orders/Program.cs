var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventStore("ordersdb");
builder.AddMessageBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("orders");
app.Run();
