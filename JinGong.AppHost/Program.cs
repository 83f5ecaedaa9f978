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
    .WithReference(fleetDb).WaitFor(fleetDb)
    .WithReference(messaging).WaitFor(messaging);

var orders = builder.AddProject<Projects.JinGong_Orders>("orders")
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(messaging).WaitFor(messaging);

var dispatch = builder.AddProject<Projects.JinGong_Dispatch>("dispatch")
    .WithReference(dispatchDb).WaitFor(dispatchDb)
    .WithReference(messaging).WaitFor(messaging);

var okr = builder.AddProject<Projects.JinGong_Okr>("okr")
    .WithReference(okrDb).WaitFor(okrDb)
    .WithReference(messaging).WaitFor(messaging);

builder.AddProject<Projects.JinGong_Gateway>("gateway")
    .WithGatewayPort(builder.Configuration.GetValue("GatewayPort", 5080))
    .WithReference(fleet).WaitFor(fleet)
    .WithReference(orders).WaitFor(orders)
    .WithReference(dispatch).WaitFor(dispatch)
    .WithReference(okr).WaitFor(okr)
    .AnnounceWhenReady();

builder.FlushTelemetryQuicklyOnStop();

await builder.Build().RunAsync();
