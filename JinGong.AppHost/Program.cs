using JinGong.AppHost;
using JinGong.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// Infra = auto | local | containers (README: "Running without Docker").
var infrastructure = await builder.AddInfrastructureAsync();
var messaging = infrastructure.Messaging;
var fleetDb = infrastructure.AddDatabase("fleetdb");
var ordersDb = infrastructure.AddDatabase("ordersdb");
var dispatchDb = infrastructure.AddDatabase("dispatchdb");
var okrDb = infrastructure.AddDatabase("okrdb");

var fleet = builder.AddProject<Projects.JinGong_Fleet>("fleet")
    .WithHttpHealthCheck("/health")
    .WithReference(fleetDb).WaitFor(fleetDb)
    .WithReference(messaging).WaitFor(messaging);

var orders = builder.AddProject<Projects.JinGong_Orders>("orders")
    .WithHttpHealthCheck("/health")
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(messaging).WaitFor(messaging);

var dispatch = builder.AddProject<Projects.JinGong_Dispatch>("dispatch")
    .WithHttpHealthCheck("/health")
    .WithReference(dispatchDb).WaitFor(dispatchDb)
    .WithReference(messaging).WaitFor(messaging);

var okr = builder.AddProject<Projects.JinGong_Okr>("okr")
    .WithHttpHealthCheck("/health")
    .WithReference(okrDb).WaitFor(okrDb)
    .WithReference(messaging).WaitFor(messaging);

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
