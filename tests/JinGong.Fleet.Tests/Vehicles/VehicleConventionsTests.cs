using JinGong.Fleet.Vehicles;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

public sealed class VehicleConventionsTests
{
    [Fact]
    public void marten_and_our_reads_fold_every_vehicle_event_the_same_way() =>
        AggregateConventions.EventsWithoutApply<Vehicle, IVehicleEvent>()
            .Should().Equal(["VehicleRequestRefused"], "only a refusal leaves the vehicle as it was");
}
