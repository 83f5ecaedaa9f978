using JinGong.EventSourcing.Privacy;
using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Board;
using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Integration;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Regions;
using JinGong.Dispatch.Transfers;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHttpApi();
builder.Services.AddSingleton(new RegionMap(builder.AddCompanyRegions()));
builder.AddEventStore("dispatchdb", options =>
    {
        options.ConfigureCatalogue();
        options.ConfigureAllocation();
        options.ConfigureLoans();
        options.ConfigureTransfers();
    })
    .PublishIntegrationEvents<DispatchIntegrationEvents>();
builder.Services.AddWorkingConditionsRequester();
builder.Services.AddBorrowersFromHistory();
builder.AddMessageBus(bus =>
{
    bus.AddCatalogueConsumers();
    bus.AddAllocationConsumers();
    bus.AddLoanConsumers();
    bus.AddTransferConsumers();
    bus.ForgetErasedPeople();
    bus.ForgetErasedContacts();
});

var app = builder.Build();
app.UseHttpApi();
app.MapDefaultEndpoints();
app.MapServiceApi("dispatch").MapCatalogue().MapAllocations().MapLoans().MapTransfers().MapBoard().MapRegions();
app.Run();
