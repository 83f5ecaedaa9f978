using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Regions;
using JinGong.Domain.Regions;
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
        Allocation.Evolve(null, new AllocationOpened("ORD-1", "Baotou Steel", "east", "mine", models, Now))!;

    private static Allocation After(Allocation state, IEnumerable<object> events) =>
        events.Aggregate((Allocation?)state, Allocation.Evolve)!;

    private static Decision Decide(AllocationCommand command, Allocation state) => AllocationDecider.Decide(command with { NewId = NewId }, state);

    private static IReadOnlyList<object> Events(AllocationCommand command, Allocation state) =>
        Decide(command, state).Should().BeOfType<Decision.Accepted>().Which.Events;

    private static FreeVehicles Free(params Candidate[] candidates) => new(candidates, Regions);

    private static IReadOnlyList<object> Assign(Allocation state, params Candidate[] free) => Events(new AssignVehicles("ORD-1", Free(free), Now, Now), state);

    private static IReadOnlyList<object> Reserved(Allocation state, string vehicleCode) => Events(new RecordReservation("ORD-1", vehicleCode, Regions, Now, Now), state);

    private static IReadOnlyList<object> TransferStarted(Allocation state, string vehicleCode) => Events(new RecordTransferStart("ORD-1", vehicleCode, Now, Now), state);

    private static IReadOnlyList<object> Arrived(Allocation state, string vehicleCode) => Events(new RecordArrival("ORD-1", vehicleCode, Now, Now), state);

    private static IReadOnlyList<object> Cancel(Allocation state) => Events(new CancelAllocation("ORD-1", "customer withdrew", Now, Now), state);

    [Fact]
    public void an_order_opens_its_allocation_once_and_each_unit_is_asked_a_vehicle_in_the_same_decision()
    {
        var open = new OpenAllocation("ORD-1", "Baotou Steel", "east", "mine", ["EX-22E"], Free(new Candidate("E-1", "EX-22E", "east", "wuxi-1")), Now, Now);

        var opened = AllocationDecider.Decide(open with { NewId = NewId }, null).Should().BeOfType<Decision.Accepted>().Which.Events;

        opened.Select(e => e.GetType()).Should().Equal(typeof(AllocationOpened), typeof(ReservationRequested));
        Events(open, After(Opened("EX-22E"), opened.Skip(1))).Should().BeEmpty("the same order placed again changes nothing");
    }

    [Fact]
    public void fleet_s_answers_about_an_order_dispatch_never_opened_change_nothing_and_a_dispatcher_is_told_it_is_not_there()
    {
        AllocationDecider.Decide(new RecordReservation("ORD-9", "E-1", Regions, Now, Now), null).Should().BeOfType<Decision.Accepted>().Which.Events.Should().BeEmpty();
        AllocationDecider.Decide(new CancelAllocation("ORD-9", "customer withdrew", Now, Now), null).Should().BeOfType<Decision.Accepted>().Which.Events.Should().BeEmpty();
        Rule(AllocationDecider.Decide(new ConfirmDelivery("ORD-9", "E-1", Now, Now), null)).Should().Be("allocation-not-found");
    }

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

        var events = Assign(Opened("EX-22E", "EX-22E"), free);

        // Wuhan is about 660 km from Wuxi, Chengdu about 1,600 km.
        events.OfType<ReservationRequested>().Select(e => (e.Unit, e.VehicleCode)).Should().Equal((1, "E-1"), (2, "C-1"));
    }

    [Fact]
    public void a_unit_with_no_free_vehicle_of_its_model_is_backordered_once()
    {
        var backordered = Assign(Opened("MT-90E"), new Candidate("E-1", "EX-22E", "east", "wuxi-1"));
        backordered.Should().ContainSingle().Which.Should().BeOfType<UnitBackordered>();

        Assign(After(Opened("MT-90E"), backordered)).Should().BeEmpty();
    }

    [Fact]
    public void a_refused_vehicle_is_never_asked_for_again_for_that_unit()
    {
        var free = new[] { new Candidate("E-1", "EX-22E", "east", "wuxi-1"), new Candidate("N-1", "EX-22E", "north", "tianjin-1") };
        var requested = Assign(Opened("EX-22E"), free);
        var asked = After(Opened("EX-22E"), requested);
        var request = requested.OfType<ReservationRequested>().Single();

        var refusedThenNext = Events(new RecordReservationRefusal("ORD-1", request.RequestId, "reserved-for-another-order", Free(free), Now, Now), asked);

        refusedThenNext[0].Should().BeOfType<ReservationRefused>().Which.VehicleCode.Should().Be("E-1");
        refusedThenNext.OfType<ReservationRequested>().Single().VehicleCode.Should().Be("N-1");
        Events(new RecordReservationRefusal("ORD-1", "REQ-unknown", "whatever", Free(free), Now, Now), asked)
            .Should().BeEmpty("a refusal of a request this allocation did not make changes nothing");
    }

    [Fact]
    public void a_vehicle_reserved_in_another_region_travels_to_the_orders_home_warehouse_and_arrives_only_once_fleet_set_it_off()
    {
        var requested = Assign(Opened("EX-22E"), new Candidate("N-1", "EX-22E", "north", "tianjin-1"));
        var asked = After(Opened("EX-22E"), requested);

        var reserved = Reserved(asked, "N-1");

        reserved.Should().HaveCount(2);
        reserved[1].Should().BeOfType<TransferRequested>().Which.Should().BeEquivalentTo(new { VehicleCode = "N-1", ToWarehouse = "wuxi-1", ToRegion = "east" });
        var awaiting = After(asked, reserved);
        awaiting.Units[0].Status.Should().Be(UnitStatus.AwaitingTransfer);
        Reserved(awaiting, "N-1").Should().BeEmpty("the same answer twice changes nothing");
        Rule(Decide(new ReportArrival("ORD-1", "N-1", Now, Now), awaiting))
            .Should().Be("transfer-not-started", "fleet would refuse the arrival of a vehicle it has not set off");
        Cancel(awaiting).OfType<ReleaseRequested>().Single().VehicleCode
            .Should().Be("N-1", "a vehicle waiting to be set off is held by the order too");

        var started = TransferStarted(awaiting, "N-1");
        var travelling = After(awaiting, started);
        travelling.Units[0].Status.Should().Be(UnitStatus.InTransit);
        TransferStarted(travelling, "N-1").Should().BeEmpty("the same answer twice changes nothing");
        Decide(new ReportArrival("ORD-1", "N-1", Now, Now), travelling)
            .Should().BeOfType<Decision.Accepted>().Which.Events.Single().Should().BeOfType<ArrivalReported>();
    }

    [Fact]
    public void fleet_s_arrival_that_overtook_its_start_on_the_bus_still_lands_the_unit_and_the_late_start_changes_nothing()
    {
        var requested = Assign(Opened("EX-22E"), new Candidate("N-1", "EX-22E", "north", "tianjin-1"));
        var asked = After(Opened("EX-22E"), requested);
        var awaiting = After(asked, Reserved(asked, "N-1"));

        var arrived = After(awaiting, Arrived(awaiting, "N-1"));

        arrived.Units[0].Status.Should().Be(UnitStatus.Reserved);
        TransferStarted(arrived, "N-1").Should().BeEmpty();
    }

    [Fact]
    public void a_cancelled_order_gives_back_what_it_holds_even_a_reservation_that_crossed_the_cancellation()
    {
        var requested = Assign(Opened("EX-22E"), new Candidate("E-1", "EX-22E", "east", "wuxi-1"));
        var asked = After(Opened("EX-22E"), requested);

        var cancelled = After(asked, Cancel(asked));
        var lateReservation = Reserved(cancelled, "E-1");

        cancelled.Units[0].Status.Should().Be(UnitStatus.Released);
        lateReservation.Should().ContainSingle().Which.Should().BeOfType<ReleaseRequested>().Which.VehicleCode.Should().Be("E-1");
    }

    [Fact]
    public void only_a_unit_reserved_in_the_orders_region_is_scheduled_and_only_a_scheduled_one_confirmed()
    {
        var requested = Assign(Opened("EX-22E"), new Candidate("N-1", "EX-22E", "north", "tianjin-1"));
        var awaiting = After(After(Opened("EX-22E"), requested), Reserved(After(Opened("EX-22E"), requested), "N-1"));
        var travelling = After(awaiting, TransferStarted(awaiting, "N-1"));

        Rule(Decide(new ScheduleDelivery("ORD-1", "N-1", new DateOnly(2026, 12, 1), null, Now, Now), travelling)).Should().Be("unit-not-ready-for-delivery");
        Rule(Decide(new ConfirmDelivery("ORD-1", "N-1", Now, Now), travelling)).Should().Be("delivery-not-scheduled");
        Rule(Decide(new ScheduleDelivery("ORD-1", "X-9", new DateOnly(2026, 12, 1), null, Now, Now), travelling)).Should().Be("vehicle-not-allocated");

        var arrived = After(travelling, Arrived(travelling, "N-1"));
        Rule(Decide(new ReportArrival("ORD-1", "N-1", Now, Now), awaiting)).Should().Be("transfer-not-started");
        var scheduled = Decide(new ScheduleDelivery("ORD-1", "N-1", new DateOnly(2026, 12, 1), null, Now, Now), arrived);
        scheduled.Should().BeOfType<Decision.Accepted>().Which.Events.Single().Should().BeOfType<DeliveryScheduled>().Which.Site.Should().Be("mine");
    }

    [Fact]
    public void a_delivery_confirmed_again_or_an_arrival_reported_again_is_done_already_and_appends_nothing_whatever_its_time()
    {
        var requested = Assign(Opened("EX-22E"), new Candidate("N-1", "EX-22E", "north", "tianjin-1"));
        var awaiting = After(After(Opened("EX-22E"), requested), Reserved(After(Opened("EX-22E"), requested), "N-1"));
        var travelling = After(awaiting, TransferStarted(awaiting, "N-1"));
        var arrived = After(travelling, Arrived(travelling, "N-1"));
        var scheduled = After(arrived, Events(new ScheduleDelivery("ORD-1", "N-1", new DateOnly(2026, 12, 1), null, Now, Now), arrived));
        var delivering = After(scheduled, Events(new ConfirmDelivery("ORD-1", "N-1", Now, Now), scheduled));
        var earlier = Now.AddDays(-3);

        Events(new ReportArrival("ORD-1", "N-1", earlier, Now), arrived).Should().BeEmpty();
        Events(new ConfirmDelivery("ORD-1", "N-1", earlier, Now), delivering).Should().BeEmpty();
        Events(new ConfirmDelivery("ORD-1", "N-1", Now, Now), After(delivering, [new UnitDelivered("ORD-1", 1, "N-1", Now)])).Should().BeEmpty();
        Decide(new ConfirmDelivery("ORD-1", "N-1", Now, Now), arrived).Should().BeOfType<Decision.Rejected>()
            .Which.Error.Detail.Should().Contain("is Reserved, not scheduled", "a refusal names the state the unit is in");
    }

    [Fact]
    public void each_fact_of_a_back_dated_order_is_recorded_at_the_time_of_what_caused_it_not_when_dispatch_handled_it()
    {
        // An order placed in October, played into the system in November: fleet answers at the times it records.
        var placed = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        var opened = Events(
            new OpenAllocation("ORD-1", "Baotou Steel", "east", "mine", ["EX-22E"], Free(new Candidate("N-1", "EX-22E", "north", "tianjin-1")), placed, Now), null!);
        var asked = After(Allocation.Evolve(null, opened[0])!, opened.Skip(1));
        var reserved = Events(new RecordReservation("ORD-1", "N-1", Regions, placed.AddHours(1), Now), asked);
        var awaiting = After(asked, reserved);
        var started = Events(new RecordTransferStart("ORD-1", "N-1", placed.AddDays(2), Now), awaiting);
        var travelling = After(awaiting, started);
        var landed = Events(new RecordArrival("ORD-1", "N-1", placed.AddDays(5), Now), travelling);
        var arrived = After(travelling, landed);
        var scheduled = After(arrived, Events(new ScheduleDelivery("ORD-1", "N-1", new DateOnly(2026, 10, 12), null, placed.AddDays(6), Now), arrived));
        var delivering = After(scheduled, Events(new ConfirmDelivery("ORD-1", "N-1", placed.AddDays(11), Now), scheduled));
        var delivered = Events(new RecordDelivery("ORD-1", "N-1", placed.AddDays(11), Now), delivering);

        opened.Cast<IAllocationEvent>().Select(e => e.OccurredAt).Should().AllBeEquivalentTo(placed);
        reserved.Cast<IAllocationEvent>().Select(e => e.OccurredAt).Should().AllBeEquivalentTo(placed.AddHours(1), "the transfer is asked for when fleet reserved");
        ((IAllocationEvent)started.Single()).OccurredAt.Should().Be(placed.AddDays(2));
        ((IAllocationEvent)landed.Single()).OccurredAt.Should().Be(placed.AddDays(5));
        ((IAllocationEvent)delivered.Single()).OccurredAt.Should().Be(placed.AddDays(11));
        After(delivering, delivered).LastOccurredAt.Should().Be(placed.AddDays(11));
    }

    [Fact]
    public void a_fact_from_elsewhere_never_goes_back_before_the_allocation_s_last_event_nor_beyond_now()
    {
        var requested = Assign(Opened("EX-22E"), new Candidate("E-1", "EX-22E", "east", "wuxi-1"));
        var asked = After(Opened("EX-22E"), requested);
        var lastEvent = asked.LastOccurredAt;

        var before = Events(new RecordReservation("ORD-1", "E-1", Regions, lastEvent.AddDays(-3), Now.AddDays(30)), asked);
        var future = Events(new CancelAllocation("ORD-1", "customer withdrew", Now.AddDays(1), Now), asked);

        before.Cast<IAllocationEvent>().Single().OccurredAt.Should().Be(lastEvent, "an answer that crossed a later event on the bus is recorded after it");
        future.Cast<IAllocationEvent>().Select(e => e.OccurredAt).Should().AllBeEquivalentTo(Now, "a clock ahead elsewhere cannot put a fact in the future");
    }

    private static string? Rule(Decision decision) => (decision as Decision.Rejected)?.Error.Rule;
}
