using JinGong.Knowledge.Attachments;
using JinGong.Knowledge.Links;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Search;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Templates;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddAttachments();
builder.AddEventStore("knowledgedb", options =>
{
    options.ConfigureSpaces();
    options.ConfigurePages();
    options.ConfigureSearch();
    options.ConfigureAttachments();
    options.ConfigureLinks();
});

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("knowledge").MapSpaces().MapPages().MapSearch().MapAttachments().MapLinks().MapTemplates();
app.Run();
