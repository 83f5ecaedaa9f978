using JinGong.Contracts.Fleet;
using JinGong.Dispatch.Allocations.Assigning;
using JinGong.Dispatch.Catalogue;
using JinGong.Domain;
using Marten;

namespace JinGong.Dispatch.Movements;

/// <summary>
/// Whether dispatch may move a vehicle outside an order (lend it, transfer it), as its catalogue says: a
/// vehicle it knows, in stock, and not being reserved for an order. Fleet checks again on the vehicle's own
/// stream; these answers only spare the client a round trip over the bus, in fleet's words.
/// </summary>
public static class Availability
{
    public static DomainError? Check(string verb, string vehicleCode, CatalogueVehicle? vehicle, bool claimedByOrder) =>
        vehicle is null ? new DomainError("vehicle-not-catalogued", $"Dispatch knows no vehicle {vehicleCode}.", ErrorKind.NotFound)
        : vehicle.Status != CatalogueVehicle.InStock
            ? new DomainError(VehicleRules.CannotWhen(verb, vehicle.Status), $"Vehicle {vehicle.Code} is {vehicle.Status}; only a vehicle in stock can be moved.", ErrorKind.Conflict)
        : claimedByOrder ? new DomainError("vehicle-claimed-by-order", $"Vehicle {vehicle.Code} is being reserved for an order.", ErrorKind.Conflict)
        : null;

    /// <summary>The vehicle as dispatch's catalogue has it, and whether an order has claimed it.</summary>
    public static async Task<(CatalogueVehicle? Vehicle, bool ClaimedByOrder)> LookUpAsync(IQuerySession session, string vehicleCode, CancellationToken cancellationToken) =>
        (await session.LoadAsync<CatalogueVehicle>(vehicleCode, cancellationToken), await session.LoadAsync<VehicleClaim>(vehicleCode, cancellationToken) is not null);
}
