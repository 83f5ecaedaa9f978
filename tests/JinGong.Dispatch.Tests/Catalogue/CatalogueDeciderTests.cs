using JinGong.Dispatch.Catalogue;
using JinGong.Testing;

namespace JinGong.Dispatch.Tests.Catalogue;

/// <summary>Dispatch's catalogue follows fleet's facts about a vehicle: entered once, changes in the order they happened.</summary>
public sealed class CatalogueDeciderTests
{
    private static readonly DateTimeOffset Registered = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly VehicleCatalogued Catalogued = new("JG-MT-0001", "MT-90E", "mining-truck", "east", "wuxi-1", Registered);

    private static DeciderSpecification<CatalogueCommand, CatalogueVehicle> Vehicle => DeciderSpecification.For<CatalogueCommand, CatalogueVehicle>(CatalogueDecider.Decide);

    private static VehicleStatusNoted Status(string status, DateTimeOffset at) => new("JG-MT-0001", status, "east", "wuxi-1", "ORD-1", at);

    [Fact]
    public void a_vehicle_enters_the_catalogue_once()
    {
        Vehicle.When(new EnterCatalogue(Catalogued)).Then(Catalogued);
        Vehicle.Given(Catalogued).When(new EnterCatalogue(Catalogued)).Then();
    }

    [Fact]
    public void a_status_change_is_noted_once_the_vehicle_is_catalogued()
    {
        Vehicle.When(new NoteStatus(Status("Reserved", Registered.AddDays(1)))).ThenRejects("vehicle-not-catalogued");
        Vehicle.Given(Catalogued).When(new NoteStatus(Status("Reserved", Registered.AddDays(1)))).Then(Status("Reserved", Registered.AddDays(1)));
    }

    [Fact]
    public void a_change_older_than_the_one_noted_arrived_late_and_changes_nothing()
    {
        var reserved = Vehicle.Given(Catalogued, Status("Reserved", Registered.AddDays(2)));

        reserved.When(new NoteStatus(Status("InStock", Registered.AddDays(1)))).Then();
        reserved.When(new NoteStatus(Status("InStock", Registered.AddDays(2)))).Then(Status("InStock", Registered.AddDays(2)));
    }
}
