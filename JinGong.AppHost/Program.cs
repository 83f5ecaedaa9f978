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

// The identity provider: people and machine clients sign in here (through the gateway), every process checks its tokens;
// it keeps an account for everyone on OKR's roster, from the bus.
var identityDatabase = infrastructure.AddDatabase("identitydb");
var identity = builder.AddProject<Projects.JinGong_Identity>("identity")
    .WithHttpHealthCheck("/health")
    .WithReference(identityDatabase).WaitFor(identityDatabase)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Identity__Administrator__Password", infrastructure.AddSecret("identity-administrator-password"))
    .WithSettingsFrom(builder.Configuration, "Identity:ServiceAccounts");

// The gateway starts beside the services, not after them; its health includes theirs.
var gateway = builder.AddProject<Projects.JinGong_Gateway>("gateway")
    .WithHttpHealthCheck("/health")
    .WithGatewayPort(builder.Configuration.GetValue("GatewayPort", 5080))
    .WithSettingsFrom(builder.Configuration, "Gateway:RateLimit")
    .WithReference(fleet)
    .WithReference(orders)
    .WithReference(dispatch)
    .WithReference(okr)
    .WithReference(identity)
    .AnnounceWhenReady();

// The demo company (README "Demo company"): on unless Simulator:Enabled=false; tests turn it on only when they ask.
if (builder.Configuration.GetValue("Simulator:Enabled", true))
{
    builder.AddSimulator(gateway, identity, infrastructure.AddSecret("simulator-secret"));
}

builder.SignInThrough(identity, gateway);

builder.FlushTelemetryQuicklyOnStop();

await builder.Build().RunAsync();
