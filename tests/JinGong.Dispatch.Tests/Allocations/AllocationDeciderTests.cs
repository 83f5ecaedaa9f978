using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Regions;
using JinGong.Domain;

namespace JinGong.Dispatch.Tests.Allocations;

/// <summary>Allocation's rules as pure functions: given the allocation and the free vehicles, which events.</summary>
public sealed class AllocationDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static readonly RegionMap Regions = new([
        new Region("east", "wuxi-1", 31.49, 120.31),
        new Region("north", "tianjin-1", 39.13, 117.20),
        new Region("central", "wuhan-1", 30.59, 114.31),
        new Region("west", "chengdu-1", 30.57, 104.07),
    ]);

    private static int ids;

    private static string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref ids)}";

    private static Allocation Opened(params string[] models) =>
        Allocation.Evolve(null, AllocationDecider.Open("ORD-1", "Baotou Steel", "east", "mine", models, Now))!;

    private static Allocation After(Allocation state, IEnumerable<object> events) =>
        events.Aggregate((Allocation?)state, Allocation.Evolve)!;

    [Fact]
    public void each_unit_gets_a_vehicle_of_its_model_from_the_orders_region_first_then_the_nearest_other()
    {
        var free = new[]
        {
            new Candidate("W-1", "EX-22E", "west", "chengdu-1"),
            new Candidate("C-1", "EX-22E", "central", "wuhan-1"),
            new Candidate("E-1", "EX-22E", "east", "wuxi-1"),
            new Candidate("E-2", "WL-30E", "east", "wuxi-1"),
        };

        var events = AllocationDecider.Assign(Opened("EX-22E", "EX-22E"), free, Regions, Now, NewId);

        // Wuhan is about 660 km from Wuxi, Chengdu about 1,600 km.
        events.OfType<ReservationRequested>().Select(e => (e.Unit, e.VehicleCode)).Should().Equal((1, "E-1"), (2, "C-1"));
    }

    [Fact]
    public void a_unit_with_no_free_vehicle_of_its_model_is_backordered_once()
    {
        var backordered = AllocationDecider.Assign(Opened("MT-90E"), [new Candidate("E-1", "EX-22E", "east", "wuxi-1")], Regions, Now, NewId);
        backordered.Should().ContainSingle().Which.Should().BeOfType<UnitBackordered>();

        AllocationDecider.Assign(After(Opened("MT-90E"), backordered), [], Regions, Now, NewId).Should().BeEmpty();
    }

    [Fact]
    public void a_refused_vehicle_is_never_asked_for_again_for_that_unit()
    {
        var free = new[] { new Candidate("E-1", "EX-22E", "east", "wuxi-1"), new Candidate("N-1", "EX-22E", "north", "tianjin-1") };
        var requested = AllocationDecider.Assign(Opened("EX-22E"), free, Regions, Now, NewId);
        var asked = After(Opened("EX-22E"), requested);
        var request = requested.OfType<ReservationRequested>().Single();

        var refused = AllocationDecider.Refused(asked, request.RequestId, "reserved-for-another-order", Now);
        var next = AllocationDecider.Assign(After(asked, refused), free, Regions, Now, NewId);

        next.OfType<ReservationRequested>().Single().VehicleCode.Should().Be("N-1");
        AllocationDecider.Refused(asked, "REQ-unknown", "whatever", Now).Should().BeEmpty("a refusal of a request this allocation did not make changes nothing");
    }

    [Fact]
    public void a_vehicle_reserved_in_another_region_travels_to_the_orders_home_warehouse_and_arrives_only_once_fleet_set_it_off()
    {
        var requested = AllocationDecider.Assign(Opened("EX-22E"), [new Candidate("N-1", "EX-22E", "north", "tianjin-1")], Regions, Now, NewId);
        var asked = After(Opened("EX-22E"), requested);

        var reserved = AllocationDecider.Reserved(asked, "N-1", Regions, Now, NewId);

        reserved.Should().HaveCount(2);
        reserved[1].Should().BeOfType<TransferRequested>().Which.Should().BeEquivalentTo(new { VehicleCode = "N-1", ToWarehouse = "wuxi-1", ToRegion = "east" });
        var awaiting = After(asked, reserved);
        awaiting.Units[0].Status.Should().Be(UnitStatus.AwaitingTransfer);
        AllocationDecider.Reserved(awaiting, "N-1", Regions, Now, NewId).Should().BeEmpty("the same answer twice changes nothing");
        Rule(AllocationDecider.Decide(new ReportArrival("ORD-1", "N-1", Now, Now), awaiting, NewId))
            .Should().Be("transfer-not-started", "fleet would refuse the arrival of a vehicle it has not set off");
        AllocationDecider.Cancel(awaiting, "customer withdrew", Now, NewId).OfType<ReleaseRequested>().Single().VehicleCode
            .Should().Be("N-1", "a vehicle waiting to be set off is held by the order too");

        var started = AllocationDecider.TransferStarted(awaiting, "N-1", Now);
        var travelling = After(awaiting, started);
        travelling.Units[0].Status.Should().Be(UnitStatus.InTransit);
        AllocationDecider.TransferStarted(travelling, "N-1", Now).Should().BeEmpty("the same answer twice changes nothing");
        AllocationDecider.Decide(new ReportArrival("ORD-1", "N-1", Now, Now), travelling, NewId)
            .Should().BeOfType<Decision.Accepted>().Which.Events.Single().Should().BeOfType<ArrivalReported>();
    }

    [Fact]
    public void fleet_s_arrival_that_overtook_its_start_on_the_bus_still_lands_the_unit_and_the_late_start_changes_nothing()
    {
        var requested = AllocationDecider.Assign(Opened("EX-22E"), [new Candidate("N-1", "EX-22E", "north", "tianjin-1")], Regions, Now, NewId);
        var asked = After(Opened("EX-22E"), requested);
        var awaiting = After(asked, AllocationDecider.Reserved(asked, "N-1", Regions, Now, NewId));

        var arrived = After(awaiting, AllocationDecider.Arrived(awaiting, "N-1", Now));

        arrived.Units[0].Status.Should().Be(UnitStatus.Reserved);
        AllocationDecider.TransferStarted(arrived, "N-1", Now).Should().BeEmpty();
    }

    [Fact]
    public void a_cancelled_order_gives_back_what_it_holds_even_a_reservation_that_crossed_the_cancellation()
    {
        var requested = AllocationDecider.Assign(Opened("EX-22E"), [new Candidate("E-1", "EX-22E", "east", "wuxi-1")], Regions, Now, NewId);
        var asked = After(Opened("EX-22E"), requested);

        var cancelled = After(asked, AllocationDecider.Cancel(asked, "customer withdrew", Now, NewId));
        var lateReservation = AllocationDecider.Reserved(cancelled, "E-1", Regions, Now, NewId);

        cancelled.Units[0].Status.Should().Be(UnitStatus.Released);
        lateReservation.Should().ContainSingle().Which.Should().BeOfType<ReleaseRequested>().Which.VehicleCode.Should().Be("E-1");
    }

    [Fact]
    public void only_a_unit_reserved_in_the_orders_region_is_scheduled_and_only_a_scheduled_one_confirmed()
    {
        var requested = AllocationDecider.Assign(Opened("EX-22E"), [new Candidate("N-1", "EX-22E", "north", "tianjin-1")], Regions, Now, NewId);
        var awaiting = After(After(Opened("EX-22E"), requested), AllocationDecider.Reserved(After(Opened("EX-22E"), requested), "N-1", Regions, Now, NewId));
        var travelling = After(awaiting, AllocationDecider.TransferStarted(awaiting, "N-1", Now));

        Rule(AllocationDecider.Decide(new ScheduleDelivery("ORD-1", "N-1", new DateOnly(2026, 12, 1), null, Now, Now), travelling, NewId)).Should().Be("unit-not-ready-for-delivery");
        Rule(AllocationDecider.Decide(new ConfirmDelivery("ORD-1", "N-1", Now, Now), travelling, NewId)).Should().Be("delivery-not-scheduled");
        Rule(AllocationDecider.Decide(new ScheduleDelivery("ORD-1", "X-9", new DateOnly(2026, 12, 1), null, Now, Now), travelling, NewId)).Should().Be("vehicle-not-allocated");

        var arrived = After(travelling, AllocationDecider.Arrived(travelling, "N-1", Now));
        Rule(AllocationDecider.Decide(new ReportArrival("ORD-1", "N-1", Now, Now), arrived, NewId)).Should().Be("unit-not-in-transit");
        var scheduled = AllocationDecider.Decide(new ScheduleDelivery("ORD-1", "N-1", new DateOnly(2026, 12, 1), null, Now, Now), arrived, NewId);
        scheduled.Should().BeOfType<Decision.Accepted>().Which.Events.Single().Should().BeOfType<DeliveryScheduled>().Which.Site.Should().Be("mine");
    }

    private static string? Rule(Decision decision) => (decision as Decision.Rejected)?.Error.Rule;
}
