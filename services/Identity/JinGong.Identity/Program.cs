using JinGong.Identity;
using JinGong.Identity.Accounts;
using JinGong.Identity.Clients;
using JinGong.Identity.Privacy;
using JinGong.Identity.Roster;
using JinGong.Identity.SignIn;
using JinGong.Identity.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
await builder.AddIdentityProviderAsync("identitydb");
builder.AddMessageBus(bus =>
{
    bus.AddConsumer<RosterConsumers>();
    bus.AddConsumer<ErasedPeople>();
});

var app = builder.Build();
app.UseHttpApi(beforeAuthentication: api => api.UseProtocolInputGuard());
app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapSignIn();
app.MapTokens();
app.MapApiRoot("identity").MapAccounts().MapOwnPassword().MapIdentityHoldings();
await app.RegisterClientsAsync();
app.Run();
