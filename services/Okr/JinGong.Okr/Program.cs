var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventStore("okrdb");
builder.AddMessageBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceApi("okr");
app.Run();
