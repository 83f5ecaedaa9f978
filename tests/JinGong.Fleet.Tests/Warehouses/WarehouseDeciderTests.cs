using JinGong.Domain;
using JinGong.Fleet.Warehouses;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Warehouses;

/// <summary>Opening a warehouse, as a pure function.</summary>
public sealed class WarehouseDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static DeciderSpecification<OpenWarehouse, Warehouse> NoWarehouse => DeciderSpecification.For<OpenWarehouse, Warehouse>(WarehouseDecider.Decide);

    private static OpenWarehouse Open(DateTimeOffset? occurredAt = null) => new("ningbo-1", "east", 29.87, 121.55, occurredAt ?? Now.AddDays(-1), Now);

    [Fact]
    public void a_warehouse_is_opened_in_its_region_at_its_place()
    {
        var opened = new WarehouseOpened("ningbo-1", "east", 29.87, 121.55, Now.AddDays(-1));

        NoWarehouse.When(Open()).Then(opened);
        NoWarehouse.Given(opened).State.Should().BeEquivalentTo(new { Code = "ningbo-1", Region = "east", Id = "warehouse:ningbo-1", OpenedAt = Now.AddDays(-1) });
    }

    [Fact]
    public void every_event_of_a_warehouse_is_folded_by_its_one_evolve()
    {
        AggregateConventions.EventsNoProjectionFolds(options => options.ConfigureWarehouses()).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(options => options.ConfigureWarehouses(), Warehouse.Evolve(null, new WarehouseOpened("w", "r", 0, 0, Now))!)
            .Should().BeEmpty();
    }

    [Fact]
    public void a_warehouse_is_opened_only_once_and_not_in_the_future()
    {
        NoWarehouse.Given(new WarehouseOpened("ningbo-1", "east", 29.87, 121.55, Now.AddDays(-9))).When(Open())
            .ThenRejects("warehouse-already-opened").Kind.Should().Be(ErrorKind.Conflict);
        NoWarehouse.When(Open(Now.AddMinutes(1))).ThenRejects("occurred-in-future");
    }
}
