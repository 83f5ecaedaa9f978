using JinGong.EventSourcing.Privacy;
using JinGong.Knowledge.Attachments;
using JinGong.Knowledge.Catalogue;
using JinGong.Knowledge.Confirmations;
using JinGong.Knowledge.Deals;
using JinGong.Knowledge.Integration;
using JinGong.Knowledge.Links;
using JinGong.Knowledge.Members;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Records;
using JinGong.Knowledge.Scenarios;
using JinGong.Knowledge.Search;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Subscriptions;
using JinGong.Knowledge.Templates;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddCompanyRegions();
builder.AddAttachments();
builder.AddEventStore("knowledgedb", options =>
{
    options.ConfigureMembers();
    options.ConfigureSpaces();
    options.ConfigurePages();
    options.ConfigureSearch();
    options.ConfigureSubscriptions();
    options.ConfigureConfirmations();
    options.ConfigureAttachments();
    options.ConfigureLinks();
    options.ConfigureCatalogue();
    options.ConfigureScenarios();
    options.ConfigureRecords();
})
    .PublishIntegrationEvents<KnowledgeIntegrationEvents>();
builder.AddMessageBus(bus =>
{
    bus.AddRosterConsumers();
    bus.ForgetErasedPeople();
    bus.ForgetErasedContacts();
    bus.AddSubscriptionConsumers();
    bus.AddCatalogueCopy();
    bus.AddRecordConsumers();
    bus.AddScenarioConsumers();
});
builder.Services.AddCatalogueRequester();

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("knowledge").MapSpaces().MapPages().MapSearch().MapSubscriptions().MapConfirmations().MapAttachments().MapLinks().MapTemplates().MapScenarios().MapDeals();
app.Run();
