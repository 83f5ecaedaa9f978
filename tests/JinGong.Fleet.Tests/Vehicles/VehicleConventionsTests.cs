using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Fleet.Warehouses;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

public sealed class VehicleConventionsTests
{
    private static readonly VehicleRegistered Registered = new("JG-LD-0001", "LD-50E", "loader", "north", "tangshan-1", DateTimeOffset.UnixEpoch);

    [Fact]
    public void every_vehicle_event_is_folded_by_the_vehicle_and_its_timeline()
    {
        AggregateConventions.EventsNoProjectionFolds(options => options.ConfigureVehicles()).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(options => options.ConfigureVehicles(), Vehicle.Evolve(null, Registered)!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(options => options.ConfigureVehicles(), VehicleTimeline.Evolve(null, Registered)!).Should().BeEmpty();
    }

    [Fact]
    public void every_stored_event_name_carries_its_version()
    {
        AggregateConventions.EventsWithoutVersionInName(options =>
        {
            options.ConfigureVehicles();
            options.ConfigureWarehouses();
        }).Should().BeEmpty();
    }
}
