using JinGong.EventSourcing.Privacy;
using JinGong.Okr.Board;
using JinGong.Okr.FillRate;
using JinGong.Okr.Integration;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Okr.Records;
using JinGong.Okr.Roster;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.AddEventStore("okrdb", options =>
    {
        options.ConfigureRoster();
        options.ConfigureObjectives();
        options.ConfigureKeyResults();
        options.ConfigureRecords();
    })
    .MoveBoundKeyResults()
    .PublishIntegrationEvents<OkrIntegrationEvents>();
builder.AddMessageBus(bus =>
{
    bus.AddRecordConsumers();
    bus.ForgetErasedPeople();
    bus.ForgetErasedContacts();
});

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("okr").MapRoster().MapObjectives().MapKeyResults().MapBoard().MapFillRate();
app.Run();
