var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventStore("dispatchdb");
builder.AddMessageBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("dispatch");
app.Run();
