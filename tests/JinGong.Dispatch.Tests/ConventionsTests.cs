using System.Text.Json;
using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Transfers;
using JinGong.Testing;
using Marten;

namespace JinGong.Dispatch.Tests;

public sealed class ConventionsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static void Configure(StoreOptions options)
    {
        options.ConfigureCatalogue();
        options.ConfigureAllocation();
        options.ConfigureLoans();
        options.ConfigureTransfers();
    }

    [Fact]
    public void every_catalogue_allocation_loan_and_transfer_event_is_folded_by_its_own_evolve()
    {
        AggregateConventions.EventsNoProjectionFolds(Configure).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, CatalogueVehicle.Evolve(null, new VehicleCatalogued("V-1", "M", "loader", "east", "wuxi-1", At))!)
            .Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Allocation.Evolve(null, new AllocationOpened("O-1", "C", "east", "mine", ["M"], At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Loan.Evolve(null, new LoanRequested("L-1", "V-1", "M", "east", "CUS-0A1B2C3D4E", "B", "S", new DateOnly(2030, 1, 1), At, null))!)
            .Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Transfer.Evolve(null, new TransferPlanned("T-1", "V-1", "wuxi-1", "east", "tangshan-1", "north", At))!)
            .Should().BeEmpty();
    }

    [Fact]
    public void every_stored_event_name_carries_its_version()
    {
        AggregateConventions.EventsWithoutVersionInName(Configure).Should().BeEmpty();
    }

    [Fact]
    public void every_projection_publishes_one_document_so_the_rebuild_check_compares_claims_and_backorders_too()
    {
        var options = new StoreOptions();
        Configure(options);

        // The rebuild check (ShadowRebuild) compares each projection's one published document, table by table.
        options.Projections.All.Should().OnlyContain(projection => projection.PublishedTypes().Count() == 1);
        options.Projections.All.Select(projection => projection.PublishedTypes().Single().Name)
            .Should().BeEquivalentTo("CatalogueVehicle", "Allocation", "VehicleClaim", "Backorder", "Loan", "Transfer");
    }

    [Fact]
    public void loan_lists_and_the_board_answer_in_the_shape_clients_read_whatever_the_aggregates_become()
    {
        var loan = Loan.Evolve(null, new LoanRequested("L-1", "V-1", "M", "east", "CUS-0A1B2C3D4E", "B", "S", new DateOnly(2030, 1, 1), At, null))!;
        var transfer = Transfer.Evolve(null, new TransferPlanned("T-1", "V-1", "wuxi-1", "east", "tangshan-1", "north", At))!;

        Names(LoanSummary.From(loan)).Should().Equal(
            "loanId", "vehicleCode", "model", "region", "borrowerId", "borrower", "site", "dueDate", "status", "requestedAt", "lastOccurredAt", "hoursUsed", "refusedFor",
            "conditionId", "opportunityId");
        Names(TransferSummary.From(transfer)).Should().Equal(
            "transferId", "vehicleCode", "fromWarehouse", "toWarehouse", "toRegion", "status", "plannedAt", "lastOccurredAt", "refusedFor");

        static IEnumerable<string> Names(object view) =>
            JsonSerializer.SerializeToElement(view, new JsonSerializerOptions(JsonSerializerDefaults.Web)).EnumerateObject().Select(property => property.Name);
    }
}
