using JinGong.Domain;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Warehouses;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>Registering and lending, as a pure function (the whole status × command table is <see cref="TransitionTableTests"/>).</summary>
public sealed class VehicleDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static DeciderSpecification<VehicleCommand, Vehicle> NoVehicle => DeciderSpecification.For<VehicleCommand, Vehicle>(VehicleDecider.Decide);

    private static DeciderSpecification<VehicleCommand, Vehicle> InStock =>
        NoVehicle.Given(new VehicleRegistered("JG-LD-0001", "LD-50E", "loader", "north", "tangshan-1", Now.AddDays(-10)));

    private static readonly Warehouse Tangshan = new(Warehouse.StreamId("tangshan-1"), "tangshan-1", "north", 39.63, 118.18, Now.AddYears(-1));

    private static RegisterVehicle Register(
        string code = "JG-LD-0001", DateTimeOffset? occurredAt = null, string? region = "north", string warehouse = "tangshan-1", Warehouse? site = null) =>
        new(code, "LD-50E", "loader", region, warehouse, site ?? Tangshan, occurredAt ?? Now.AddHours(-2), Now);

    [Fact]
    public void a_new_vehicle_is_registered_in_stock_at_its_warehouse()
    {
        var registered = new VehicleRegistered("JG-LD-0001", "LD-50E", "loader", "north", "tangshan-1", Now.AddHours(-2));

        NoVehicle.When(Register()).Then(registered);
        NoVehicle.Given(registered).State!.Status.Should().Be(VehicleStatus.InStock);
    }

    [Fact]
    public void a_registration_that_names_no_region_takes_its_warehouses()
    {
        NoVehicle.When(Register(region: null)).Then(new VehicleRegistered("JG-LD-0001", "LD-50E", "loader", "north", "tangshan-1", Now.AddHours(-2)));
    }

    [Fact]
    public void a_vehicle_is_registered_only_at_an_open_warehouse_and_in_its_region()
    {
        var (noWarehouse, otherRegion) = (Register(warehouse: "tangshan-9") with { Site = null }, Register(region: "North China"));

        NoVehicle.When(noWarehouse).ThenRejects("unknown-warehouse").Kind.Should().Be(ErrorKind.Unprocessable);
        NoVehicle.When(otherRegion).ThenRejects("warehouse-in-other-region").Kind.Should().Be(ErrorKind.Unprocessable);
    }

    [Fact]
    public void a_vehicle_code_is_registered_only_once()
    {
        InStock.When(Register()).ThenRejects("vehicle-already-registered").Kind.Should().Be(ErrorKind.Conflict);
    }

    [Fact]
    public void a_registration_dated_in_the_future_is_refused()
    {
        NoVehicle.When(Register(occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future").Kind.Should().Be(ErrorKind.Unprocessable);
    }

    [Fact]
    public void a_registration_dated_now_is_accepted()
    {
        NoVehicle.When(Register(occurredAt: Now)).Events.Should().ContainSingle();
    }

    [Fact]
    public void a_loan_is_never_due_before_it_starts_on_the_china_calendar()
    {
        // 16:30 UTC on the 24th is already the 25th in China, as dispatch counts it: due the 24th is before it starts.
        var lentAt = new DateTimeOffset(2026, 11, 24, 16, 30, 0, TimeSpan.Zero);

        InStock.When(new LendVehicle("JG-LD-0001", "LOAN-1", "Baotou Steel", "pit 3", new DateOnly(2026, 11, 24), lentAt, Now)).ThenRejects("due-before-lent");
        InStock.When(new LendVehicle("JG-LD-0001", "LOAN-1", "Baotou Steel", "pit 3", new DateOnly(2026, 11, 25), lentAt, Now))
            .Then(new VehicleLent("JG-LD-0001", "LOAN-1", "Baotou Steel", "pit 3", new DateOnly(2026, 11, 25), lentAt));
    }

    [Fact]
    public void reserving_again_for_the_order_it_is_reserved_for_is_done_already_whatever_its_time_or_whoever_asks()
    {
        var registered = new VehicleRegistered("JG-LD-0001", "LD-50E", "loader", "north", "tangshan-1", Now.AddDays(-10));
        var reserved = DeciderSpecification.For<VehicleCommand, Vehicle>(VehicleDecider.Decide)
            .Given(registered, new VehicleReserved("JG-LD-0001", "ORD-1", Now.AddDays(-1)));

        reserved.When(new ReserveVehicle("JG-LD-0001", "ORD-1", Now, Now)).Then();
        reserved.When(new ReserveVehicle("JG-LD-0001", "ORD-1", Now.AddDays(-2), Now)).Then();
        reserved.When(new AnswerDispatchRequest(new ReserveVehicle("JG-LD-0001", "ORD-1", Now, Now), "REQ-2", "reserve", "ORD-1")).Then();
        // Still reserved for it while it travels to the order's region, or is in the workshop.
        reserved.Given(new VehicleTransferStarted("JG-LD-0001", "TRF-1", "tangshan-1", "wuxi-1", "east", Now.AddHours(-3)))
            .When(new ReserveVehicle("JG-LD-0001", "ORD-1", Now, Now)).Then();
        reserved.Given(new MaintenanceOpened("JG-LD-0001", "tyre", Now.AddHours(-2)))
            .When(new ReserveVehicle("JG-LD-0001", "ORD-1", Now, Now)).Then();
        // Another order is refused as before; a delivered unit is no longer reserved for anyone.
        reserved.When(new ReserveVehicle("JG-LD-0001", "ORD-2", Now, Now)).ThenRejects("cannot-reserve-when-reserved");
        reserved.Given(new VehicleDelivered("JG-LD-0001", "ORD-1", "Baotou Steel", "pit 3", Now.AddHours(-1)))
            .When(new ReserveVehicle("JG-LD-0001", "ORD-1", Now, Now)).ThenRejects("cannot-reserve-when-delivered");
    }

    [Fact]
    public void what_dispatch_asks_is_decided_by_the_same_rules_and_a_refusal_is_recorded_on_the_vehicle_not_dropped()
    {
        var registered = new VehicleRegistered("JG-LD-0001", "LD-50E", "loader", "north", "tangshan-1", Now.AddDays(-10));
        var vehicle = DeciderSpecification.For<VehicleCommand, Vehicle>(VehicleDecider.Decide).Given(registered);
        AnswerDispatchRequest Reserve(string orderId) => new(new ReserveVehicle("JG-LD-0001", orderId, Now, Now), "REQ-1", "reserve", orderId);

        vehicle.When(Reserve("ORD-1")).Then(new VehicleReserved("JG-LD-0001", "ORD-1", Now));
        vehicle.Given(new VehicleReserved("JG-LD-0001", "ORD-1", Now.AddDays(-1))).When(Reserve("ORD-2")).Events
            .Should().ContainSingle().Which.Should().BeOfType<VehicleRequestRefused>()
            .Which.Should().BeEquivalentTo(new { VehicleCode = "JG-LD-0001", RequestId = "REQ-1", Request = "reserve", OrderId = "ORD-2", OccurredAt = Now });
        // A vehicle fleet does not know is no refusal to record: the consumer fails the message.
        DeciderSpecification.For<VehicleCommand, Vehicle>(VehicleDecider.Decide).When(Reserve("ORD-1")).ThenRejects("vehicle-not-found");
    }
}
