using JinGong.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddReverseProxy()
    .LoadFromMemory(ServiceRoutes.Routes(), ServiceRoutes.Clusters())
    .AddServiceDiscoveryDestinationResolver();
builder.Services.AddServiceHealthChecks();

var app = builder.Build();
app.UseServiceDefaults();
app.MapApiReference();
app.MapReverseProxy();
app.Run();
