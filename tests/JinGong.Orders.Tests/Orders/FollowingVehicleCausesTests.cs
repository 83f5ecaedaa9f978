using JinGong.Contracts.Fleet;
using JinGong.Orders.Orders;
using JinGong.Orders.Orders.FollowingVehicles;

namespace JinGong.Orders.Tests.Orders;

/// <summary>What a vehicle's status change tells the order it names: a cause orders does not know is a failure, not a shrug.</summary>
public sealed class FollowingVehicleCausesTests
{
    [Theory]
    [InlineData(VehicleChangeCauses.Reserved, "ORD-1", VehicleFact.Reserved)]
    [InlineData(VehicleChangeCauses.ReservationReleased, "ORD-1", VehicleFact.Released)]
    [InlineData(VehicleChangeCauses.Reserved, null, null)]
    [InlineData(VehicleChangeCauses.Delivered, "ORD-1", null)]
    [InlineData(VehicleChangeCauses.TransferStarted, "ORD-1", null)]
    public void a_known_cause_is_followed_or_deliberately_left(string cause, string? orderId, VehicleFact? fact) =>
        VehicleStatusChangedConsumer.Fact(Change(cause, orderId)).Should().Be(fact);

    [Fact]
    public void every_cause_fleet_publishes_is_known() =>
        VehicleChangeCauses.All.Words.Should().AllSatisfy(cause => FluentActions.Invoking(() => VehicleStatusChangedConsumer.Fact(Change(cause, "ORD-1"))).Should().NotThrow());

    [Theory]
    [InlineData("reserve")]
    [InlineData("Reserved")]
    [InlineData("stolen")]
    public void an_unknown_cause_fails_the_message(string cause) =>
        FluentActions.Invoking(() => VehicleStatusChangedConsumer.Fact(Change(cause, "ORD-1")))
            .Should().Throw<InvalidOperationException>().WithMessage($"*\"{cause}\"*");

    private static VehicleStatusChanged Change(string cause, string? orderId) =>
        new("JG-MT-0001", "MT-90E", "east", "wuxi-1", VehicleStatuses.InStock, VehicleStatuses.Reserved, cause, orderId, null, null, DateTimeOffset.UnixEpoch);
}
