using JinGong.AppHost;
using JinGong.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// Infra = auto | local | containers (README: "Running without Docker").
var infrastructure = await builder.AddInfrastructureAsync();

// What erased subjects' pseudonyms are made under (docs/privacy.md): kept beside the data (and backed up with the other
// secrets), never in a database.
var pseudonymKey = infrastructure.AddSecret("privacy-pseudonym-secret");

// Each service: its own database, the bus as its own user (publishing its own area's contracts, consuming the areas it
// follows), and /health (ready when both are reachable). Fleet keeps telematics readings with PostGIS.
var fleet = builder.AddService<Projects.JinGong_Fleet>("fleet", infrastructure.AddDatabase("fleetdb", "postgis"))
    .WithPseudonymKey(pseudonymKey)
    .WithBus(infrastructure, publishes: ["Fleet"], consumes: ["Dispatch", "Okr"]);
// Orders answers the knowledge base when it asks for the whole catalogue (CatalogueRequested, a knowledge contract), and
// forgets a person OKR erased (PersonErased).
var orders = builder.AddService<Projects.JinGong_Orders>("orders", infrastructure.AddDatabase("ordersdb"))
    .WithPseudonymKey(pseudonymKey)
    .WithBus(infrastructure, publishes: ["Orders"], consumes: ["Fleet", "Knowledge", "Okr"]);
// Dispatch keeps the knowledge base's working conditions, which a loan may be recorded as a trial for.
var dispatch = builder.AddService<Projects.JinGong_Dispatch>("dispatch", infrastructure.AddDatabase("dispatchdb"))
    .WithPseudonymKey(pseudonymKey)
    .WithBus(infrastructure, publishes: ["Dispatch"], consumes: ["Fleet", "Orders", "Knowledge", "Okr"]);
var okr = builder.AddService<Projects.JinGong_Okr>("okr", infrastructure.AddDatabase("okrdb"))
    .WithPseudonymKey(pseudonymKey)
    .WithBus(infrastructure, publishes: ["Okr"], consumes: ["Fleet", "Orders", "Okr"]);
// The knowledge base follows OKR's roster (the teams and regions its spaces grant access to) and orders' catalogue (what
// scenarios may recommend; orders shows it whole when asked), and tells of pages published, which it follows itself to
// notify their subscribers.
var knowledge = builder.AddService<Projects.JinGong_Knowledge>("knowledge", infrastructure.AddDatabase("knowledgedb"))
    .WithPseudonymKey(pseudonymKey)
    .WithBus(infrastructure, publishes: ["Knowledge"], consumes: ["Okr", "Orders", "Knowledge", "Dispatch", "Fleet"]);

// The identity provider: people and machine clients sign in here (through the gateway), every process checks its tokens;
// it keeps an account for everyone on OKR's roster, from the bus.
var identityDatabase = infrastructure.AddDatabase("identitydb");
var administratorPassword = infrastructure.AddSecret("identity-administrator-password");
// What its keys are encrypted under in identitydb: kept beside the data, never in the database.
var keysSecret = infrastructure.AddSecret("identity-keys-secret");
var identity = builder.AddService<Projects.JinGong_Identity>("identity", identityDatabase)
    .Each(replica => replica
        .WithEnvironment("Identity__Administrator__Password", administratorPassword)
        .WithEnvironment("Identity__KeyProtectionSecret", keysSecret)
        .WithSettingsFrom(builder.Configuration, "Identity:ServiceAccounts"))
    .WithPseudonymKey(pseudonymKey)
    .WithBus(infrastructure, publishes: [], consumes: ["Okr"]);

// The gateway starts beside the services, not after them; its health includes theirs. It balances each request across a
// service's replicas (Scale:Replicas, README "Running several replicas").
var gateway = builder.AddProject<Projects.JinGong_Gateway>("gateway")
    .WithHttpHealthCheck("/health")
    .WithGatewayPort(builder.Configuration.GetValue("GatewayPort", 5080))
    .WithSettingsFrom(builder.Configuration, "Gateway:RateLimit")
    .WithReference(fleet)
    .WithReference(orders)
    .WithReference(dispatch)
    .WithReference(okr)
    .WithReference(knowledge)
    .WithReference(identity)
    .AnnounceWhenReady();

// The demo company (README "Demo company"): on unless Simulator:Enabled=false; tests turn it on only when they ask.
if (builder.Configuration.GetValue("Simulator:Enabled", true))
{
    builder.AddSimulator(gateway, identity, infrastructure.AddSecret("simulator-secret"));
}

builder.SignInThrough(identity, gateway);

builder.FlushTelemetryQuicklyOnStop();
builder.RunBuiltPrograms();

await builder.Build().RunAsync();
