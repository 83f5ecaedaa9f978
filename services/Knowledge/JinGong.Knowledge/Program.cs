using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Search;
using JinGong.Knowledge.Spaces;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddEventStore("knowledgedb", options =>
{
    options.ConfigureSpaces();
    options.ConfigurePages();
    options.ConfigureSearch();
});

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("knowledge").MapSpaces().MapPages().MapSearch();
app.Run();
