using JinGong.Domain;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Warehouses;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>
/// The whole status × command table of a vehicle's life: each pair is either allowed, with the event it
/// records, or rejected with the rule that forbids it. The table below is the specification.
/// </summary>
public sealed class TransitionTableTests
{
    private const string Code = "JG-MT-0001";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset When = Now.AddHours(-1);
    private static readonly Warehouse Chengdu = new(Warehouse.StreamId("chengdu-1"), "chengdu-1", "west", 30.57, 104.07, Start);

    // A vehicle brought into each status by real history (order-1, loan-1 and transfer t-1 are the ones in progress).
    private static readonly Dictionary<VehicleStatus, object[]> Histories = new()
    {
        [VehicleStatus.InStock] = [Registered()],
        [VehicleStatus.Reserved] = [Registered(), new VehicleReserved(Code, "order-1", Start.AddDays(1))],
        [VehicleStatus.InTransit] = [Registered(), new VehicleTransferStarted(Code, "t-1", "wuxi-1", "tangshan-2", "north", Start.AddDays(1))],
        [VehicleStatus.OnLoan] = [Registered(), new VehicleLent(Code, "loan-1", "Hebei Steel", "Tangshan mill", new DateOnly(2026, 12, 31), Start.AddDays(1))],
        [VehicleStatus.Delivered] = [Registered(), new VehicleReserved(Code, "order-1", Start.AddDays(1)), new VehicleDelivered(Code, "order-1", "Hebei Steel", "Tangshan mill", Start.AddDays(2))],
        [VehicleStatus.InMaintenance] = [Registered(), new MaintenanceOpened(Code, "battery check", Start.AddDays(1))],
        [VehicleStatus.Retired] = [Registered(), new VehicleRetired(Code, "end of life", Start.AddDays(1))],
    };

    private static readonly Dictionary<string, VehicleCommand> Commands = new()
    {
        ["reserve"] = new ReserveVehicle(Code, "order-2", When, Now),
        ["release-reservation"] = new ReleaseReservation(Code, "order-1", "order cancelled", When, Now),
        ["start-transfer"] = new StartTransfer(Code, "t-2", "chengdu-1", "west", Chengdu, When, Now),
        ["complete-transfer"] = new CompleteTransfer(Code, "t-1", When, Now),
        ["lend"] = new LendVehicle(Code, "loan-2", "Shougang", "Qian'an mine", new DateOnly(2027, 1, 31), When, Now),
        ["return"] = new ReturnVehicle(Code, "loan-1", 312.5m, When, Now),
        ["deliver"] = new DeliverVehicle(Code, "order-1", "Hebei Steel", "Tangshan mill", When, Now),
        ["open-maintenance"] = new OpenMaintenance(Code, "hydraulic leak", When, Now),
        ["close-maintenance"] = new CloseMaintenance(Code, "seal replaced", When, Now),
        ["retire"] = new RetireVehicle(Code, "end of life", When, Now),
    };

    public static TheoryData<VehicleStatus, string, string> Table()
    {
        // Each cell: the event recorded (a type name) or the rule broken (a problem type).
        var allowed = new Dictionary<(VehicleStatus, string), string>
        {
            [(VehicleStatus.InStock, "reserve")] = nameof(VehicleReserved),
            [(VehicleStatus.InStock, "start-transfer")] = nameof(VehicleTransferStarted),
            [(VehicleStatus.InStock, "lend")] = nameof(VehicleLent),
            [(VehicleStatus.InStock, "open-maintenance")] = nameof(MaintenanceOpened),
            [(VehicleStatus.InStock, "retire")] = nameof(VehicleRetired),
            [(VehicleStatus.Reserved, "release-reservation")] = nameof(VehicleReservationReleased),
            [(VehicleStatus.Reserved, "start-transfer")] = nameof(VehicleTransferStarted),
            [(VehicleStatus.Reserved, "deliver")] = nameof(VehicleDelivered),
            [(VehicleStatus.Reserved, "open-maintenance")] = nameof(MaintenanceOpened),
            [(VehicleStatus.InTransit, "complete-transfer")] = nameof(VehicleTransferArrived),
            [(VehicleStatus.OnLoan, "return")] = nameof(VehicleReturned),
            [(VehicleStatus.OnLoan, "open-maintenance")] = nameof(MaintenanceOpened),
            [(VehicleStatus.Delivered, "open-maintenance")] = nameof(MaintenanceOpened),
            [(VehicleStatus.InMaintenance, "close-maintenance")] = nameof(MaintenanceClosed),
            [(VehicleStatus.InMaintenance, "retire")] = nameof(VehicleRetired),
        };

        var table = new TheoryData<VehicleStatus, string, string>();
        foreach (var status in Enum.GetValues<VehicleStatus>())
        {
            foreach (var command in Commands.Keys)
            {
                table.Add(status, command, status == VehicleStatus.Retired ? "vehicle-retired"
                    : allowed.TryGetValue((status, command), out var recorded) ? recorded
                    : $"cannot-{command}-when-{Kebab(status)}");
            }
        }

        return table;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void every_status_and_command_pair_is_allowed_or_names_its_rule(VehicleStatus status, string command, string outcome)
    {
        var state = Histories[status].Fold<Vehicle>();
        state!.Status.Should().Be(status, "the history brings the vehicle into that status");

        var decision = VehicleDecider.Decide(Commands[command], state);

        var actual = decision switch
        {
            Decision.Accepted accepted => accepted.Events.Should().ContainSingle().Subject.GetType().Name,
            Decision.Rejected rejected => rejected.Error.Rule,
            _ => throw new InvalidOperationException(),
        };
        actual.Should().Be(outcome);
    }

    [Fact]
    public void the_table_covers_every_status_and_every_command() =>
        Table().Should().HaveCount(Enum.GetValues<VehicleStatus>().Length * Commands.Count).And.HaveCount(70);

    [Fact]
    public void a_vehicle_on_loan_cannot_be_delivered_until_returned()
    {
        var onLoan = Histories[VehicleStatus.OnLoan].Fold<Vehicle>()!;

        Rule(VehicleDecider.Decide(Commands["deliver"], onLoan)).Should().Be("cannot-deliver-when-on-loan");
        var returned = onLoan.After(new VehicleReturned(Code, "loan-1", 40m, When));
        Rule(VehicleDecider.Decide(new ReserveVehicle(Code, "order-9", When, Now), returned)).Should().BeNull("once returned it is in stock again");
    }

    [Fact]
    public void a_reserved_vehicle_goes_only_to_its_own_order()
    {
        var reserved = Histories[VehicleStatus.Reserved].Fold<Vehicle>()!;

        Rule(VehicleDecider.Decide(new DeliverVehicle(Code, "order-2", "Other", "Site", When, Now), reserved)).Should().Be("reserved-for-another-order");
        Rule(VehicleDecider.Decide(new ReleaseReservation(Code, "order-2", "why", When, Now), reserved)).Should().Be("reserved-for-another-order");
    }

    [Fact]
    public void a_reserved_vehicle_moved_to_its_order_s_region_arrives_still_reserved()
    {
        var state = Folding.Fold<Vehicle>([
            .. Histories[VehicleStatus.Reserved],
            new VehicleTransferStarted(Code, "t-7", "wuxi-1", "tangshan-2", "north", Start.AddDays(2)),
            new VehicleTransferArrived(Code, "t-7", "tangshan-2", "north", Start.AddDays(4)),
        ])!;

        state.Should().BeEquivalentTo(new { Status = VehicleStatus.Reserved, ReservedFor = "order-1", Warehouse = "tangshan-2", Region = "north", Transfer = (Transfer?)null });
    }

    [Fact]
    public void maintenance_during_a_loan_returns_the_vehicle_to_its_borrower()
    {
        var state = Folding.Fold<Vehicle>([
            .. Histories[VehicleStatus.OnLoan],
            new MaintenanceOpened(Code, "tyre", Start.AddDays(3)),
            new MaintenanceClosed(Code, "tyre replaced", Start.AddDays(4)),
        ])!;

        state.Status.Should().Be(VehicleStatus.OnLoan);
        state.Loan!.LoanId.Should().Be("loan-1");
    }

    [Theory]
    [InlineData("t-9", "unknown-transfer")]
    [InlineData("t-1", null)]
    public void a_transfer_completes_only_under_its_own_id(string transferId, string? rule) =>
        Rule(VehicleDecider.Decide(new CompleteTransfer(Code, transferId, When, Now), Histories[VehicleStatus.InTransit].Fold<Vehicle>())).Should().Be(rule);

    [Theory]
    [InlineData("loan-9", "unknown-loan")]
    [InlineData("loan-1", null)]
    public void a_loan_is_returned_only_under_its_own_id(string loanId, string? rule) =>
        Rule(VehicleDecider.Decide(new ReturnVehicle(Code, loanId, 10m, When, Now), Histories[VehicleStatus.OnLoan].Fold<Vehicle>())).Should().Be(rule);

    [Fact]
    public void a_transfer_to_the_warehouse_it_is_in_is_refused() =>
        Rule(VehicleDecider.Decide(new StartTransfer(Code, "t-3", "wuxi-1", "east", Chengdu with { Code = "wuxi-1", Region = "east" }, When, Now), Histories[VehicleStatus.InStock].Fold<Vehicle>()))
            .Should().Be("transfer-to-same-warehouse");

    [Theory]
    [InlineData("chengdu-1", "west", null)]
    [InlineData("chengdu-1", null, null)]
    [InlineData("chengdu-1", "east", "warehouse-in-other-region")]
    [InlineData("chengdu-9", "west", "unknown-warehouse")]
    public void a_transfer_goes_only_to_an_open_warehouse_and_into_its_region(string toWarehouse, string? toRegion, string? rule)
    {
        var decided = VehicleDecider.Decide(
            new StartTransfer(Code, "t-4", toWarehouse, toRegion, toWarehouse == Chengdu.Code ? Chengdu : null, When, Now), Histories[VehicleStatus.InStock].Fold<Vehicle>());

        Rule(decided).Should().Be(rule);
        if (rule is null)
        {
            decided.Should().BeOfType<Decision.Accepted>().Which.Events.Should().ContainSingle()
                .Which.Should().BeOfType<VehicleTransferStarted>().Which.ToRegion.Should().Be("west");
        }
    }

    [Fact]
    public void a_loan_due_before_it_starts_is_refused() =>
        Rule(VehicleDecider.Decide(new LendVehicle(Code, "loan-3", "B", "S", DateOnly.FromDateTime(When.UtcDateTime).AddDays(-1), When, Now), Histories[VehicleStatus.InStock].Fold<Vehicle>()))
            .Should().Be("due-before-lent");

    [Fact]
    public void business_time_never_runs_backwards_nor_ahead_of_the_clock()
    {
        var reserved = Histories[VehicleStatus.Reserved].Fold<Vehicle>()!;

        Rule(VehicleDecider.Decide(new DeliverVehicle(Code, "order-1", "C", "S", Start, Now), reserved)).Should().Be("occurred-before-previous-event");
        Rule(VehicleDecider.Decide(new DeliverVehicle(Code, "order-1", "C", "S", Now.AddSeconds(1), Now), reserved)).Should().Be("occurred-in-future");
        Rule(VehicleDecider.Decide(new DeliverVehicle(Code, "order-1", "C", "S", Now, Now), reserved)).Should().BeNull();
    }

    [Fact]
    public void an_unknown_vehicle_is_not_found() =>
        VehicleDecider.Decide(Commands["reserve"], state: null).Should().BeOfType<Decision.Rejected>()
            .Which.Error.Should().BeEquivalentTo(new { Rule = "vehicle-not-found", Kind = ErrorKind.NotFound });

    private static string? Rule(Decision decision) => (decision as Decision.Rejected)?.Error.Rule;

    private static VehicleRegistered Registered() => new(Code, "MT-90E", "mining-truck", "east", "wuxi-1", Start);

    private static string Kebab(VehicleStatus status) => status switch
    {
        VehicleStatus.InStock => "in-stock",
        VehicleStatus.InTransit => "in-transit",
        VehicleStatus.OnLoan => "on-loan",
        VehicleStatus.InMaintenance => "in-maintenance",
        _ => status.ToString().ToLowerInvariant(),
    };
}
