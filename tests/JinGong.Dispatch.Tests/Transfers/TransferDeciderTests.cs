using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Transfers;
using JinGong.Testing;

namespace JinGong.Dispatch.Tests.Transfers;

/// <summary>A planned transfer's rules as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class TransferDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly CatalogueVehicle InStock = new("JG-MT-0001", "MT-90E", "mining-truck", "east", "wuxi-1", CatalogueVehicle.InStock, Now.AddDays(-90));
    private static readonly TransferPlanned Planned = new("TRF-1", "JG-MT-0001", "wuxi-1", "east", "baotou-1", "north", Now.AddDays(-3));

    private static DeciderSpecification<TransferCommand, Transfer> Transfer =>
        DeciderSpecification.For<TransferCommand, Transfer>(TransferDecider.Decide);

    private static PlanTransfer Plan(CatalogueVehicle? vehicle, string toWarehouse = "baotou-1", bool claimed = false) =>
        new("TRF-1", "JG-MT-0001", vehicle, claimed, toWarehouse, "north", Now.AddDays(-3), Now);

    [Fact]
    public void a_vehicle_in_stock_moves_to_another_warehouse()
    {
        Transfer.When(Plan(InStock)).Then(Planned);
    }

    [Fact]
    public void a_transfer_needs_an_unclaimed_vehicle_in_stock_and_another_warehouse()
    {
        Transfer.When(Plan(InStock, toWarehouse: "wuxi-1")).ThenRejects("transfer-to-same-warehouse");
        Transfer.When(Plan(InStock with { Status = "InTransit" })).ThenRejects("cannot-transfer-when-in-transit");
        Transfer.When(Plan(InStock, claimed: true)).ThenRejects("vehicle-claimed-by-order");
        Transfer.When(Plan(InStock) with { OccurredAt = Now.AddMinutes(1) }).ThenRejects("occurred-in-future");
        Transfer.Given(Planned).When(Plan(InStock)).ThenRejects("transfer-already-planned");
    }

    [Fact]
    public void an_arrival_is_reported_only_while_the_vehicle_travels()
    {
        Transfer.Given(Planned).When(new ReportTransferArrival("TRF-1", Now, Now)).ThenRejects("transfer-not-in-transit");
        Transfer.Given(Planned, new TransferStarted("TRF-1", Now.AddDays(-2)))
            .When(new ReportTransferArrival("TRF-1", Now, Now))
            .Then(new TransferArrivalReported("TRF-1", "JG-MT-0001", Now));
        Transfer.When(new ReportTransferArrival("TRF-2", Now, Now)).ThenRejects("transfer-not-found");
    }

    [Fact]
    public void fleet_s_answers_move_the_transfer_once()
    {
        Transfer.Given(Planned).When(new FollowFleetTransfer("TRF-1", "transfer-started", Now, Now)).Then(new TransferStarted("TRF-1", Now));
        Transfer.Given(Planned, new TransferStarted("TRF-1", Now.AddDays(-2))).When(new FollowFleetTransfer("TRF-1", "transfer-started", Now, Now)).Then();
        Transfer.Given(Planned, new TransferStarted("TRF-1", Now.AddDays(-2))).When(new FollowFleetTransfer("TRF-1", "transfer-arrived", Now, Now))
            .Then(new TransferArrived("TRF-1", Now));
        Transfer.Given(Planned).When(new RecordTransferRefusal("TRF-1", "cannot-transfer-when-on-loan", "On loan.", Now, Now))
            .Then(new TransferRefused("TRF-1", "cannot-transfer-when-on-loan", "On loan.", Now));
        Transfer.Given(Planned, new TransferStarted("TRF-1", Now.AddDays(-2))).When(new RecordTransferRefusal("TRF-1", "cannot-transfer-when-on-loan", "On loan.", Now, Now)).Then();
    }

    [Fact]
    public void fleet_s_answers_are_recorded_at_the_time_fleet_gives_never_before_the_transfer_s_last_event()
    {
        // Planned three days ago: set off two days ago, landed yesterday, as fleet recorded it.
        Transfer.Given(Planned).When(new FollowFleetTransfer("TRF-1", "transfer-started", Now.AddDays(-2), Now)).Then(new TransferStarted("TRF-1", Now.AddDays(-2)));
        Transfer.Given(Planned, new TransferStarted("TRF-1", Now.AddDays(-2))).When(new FollowFleetTransfer("TRF-1", "transfer-arrived", Now.AddDays(-1), Now))
            .Then(new TransferArrived("TRF-1", Now.AddDays(-1)));
        Transfer.Given(Planned).When(new FollowFleetTransfer("TRF-1", "transfer-started", Now.AddDays(-7), Now)).Then(new TransferStarted("TRF-1", Now.AddDays(-3)));
    }
}
