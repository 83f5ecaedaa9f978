using JinGong.AppHost;
using JinGong.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// Infra = auto | local | containers (README: "Running without Docker").
var infrastructure = await builder.AddInfrastructureAsync();
var messaging = infrastructure.Messaging;

// Each service: its own database, the bus, and /health (ready when both are reachable).
var fleet = builder.AddService<Projects.JinGong_Fleet>("fleet", infrastructure.AddDatabase("fleetdb"), messaging);
var orders = builder.AddService<Projects.JinGong_Orders>("orders", infrastructure.AddDatabase("ordersdb"), messaging);
var dispatch = builder.AddService<Projects.JinGong_Dispatch>("dispatch", infrastructure.AddDatabase("dispatchdb"), messaging);
var okr = builder.AddService<Projects.JinGong_Okr>("okr", infrastructure.AddDatabase("okrdb"), messaging);

// The gateway starts beside the services, not after them; its health includes theirs.
builder.AddProject<Projects.JinGong_Gateway>("gateway")
    .WithHttpHealthCheck("/health")
    .WithGatewayPort(builder.Configuration.GetValue("GatewayPort", 5080))
    .WithReference(fleet)
    .WithReference(orders)
    .WithReference(dispatch)
    .WithReference(okr)
    .AnnounceWhenReady();

builder.FlushTelemetryQuicklyOnStop();

await builder.Build().RunAsync();
