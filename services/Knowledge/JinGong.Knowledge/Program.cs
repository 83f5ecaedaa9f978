using JinGong.Knowledge.Members;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Search;
using JinGong.Knowledge.Spaces;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddCompanyRegions();
builder.AddEventStore("knowledgedb", options =>
{
    options.ConfigureMembers();
    options.ConfigureSpaces();
    options.ConfigurePages();
    options.ConfigureSearch();
});
builder.AddMessageBus(bus => bus.AddRosterConsumers());

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("knowledge").MapSpaces().MapPages().MapSearch();
app.Run();
