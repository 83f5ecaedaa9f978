using JinGong.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddEdge();
builder.Services.AddReverseProxy()
    .LoadFromMemory(ServiceRoutes.Routes(), ServiceRoutes.Clusters())
    .AddServiceDiscoveryDestinationResolver();
builder.Services.AddServiceHealthChecks();
builder.Services.AddHttpClient(EveryService.HttpClientName);

var app = builder.Build();
app.UseSecurityHeaders();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.UseRequestBudget();
app.MapApiReference();
app.MapAuditTrail();
app.MapPersonalInformation();
app.MapReverseProxy(proxy => proxy.UseSafeResends());
app.MapConsole();
app.Run();
