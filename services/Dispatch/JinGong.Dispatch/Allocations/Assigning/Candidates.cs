using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Regions;
using Marten;

namespace JinGong.Dispatch.Allocations.Assigning;

/// <summary>
/// The free vehicles an allocation chooses from — dispatch's catalogue in stock, minus the vehicles other orders have
/// claimed — read before the decider runs, so that it stays a pure function of what it is given.
/// </summary>
public static class Candidates
{
    /// <param name="justFreed">A vehicle this very transaction saw come back to stock, not yet so in the catalogue.</param>
    public static async Task<FreeVehicles> ForModelsAsync(
        IQuerySession session, IReadOnlyCollection<string> models, RegionMap regions, CancellationToken cancellationToken, CatalogueVehicle? justFreed = null)
    {
        var wanted = models.Distinct().ToList();
        var inStock = await session.Query<CatalogueVehicle>()
            .Where(vehicle => vehicle.Status == CatalogueVehicle.InStock && wanted.Contains(vehicle.Model))
            .ToListAsync(cancellationToken);
        var free = inStock.Where(vehicle => vehicle.Code != justFreed?.Code).Concat(justFreed is null ? [] : [justFreed]).ToList();
        var claimed = (await session.LoadManyAsync<VehicleClaim>(cancellationToken, free.Select(vehicle => vehicle.Code))).Select(claim => claim.Id).ToHashSet();
        return new FreeVehicles(
            [.. free.Where(vehicle => !claimed.Contains(vehicle.Code)).Select(vehicle => new Candidate(vehicle.Code, vehicle.Model, vehicle.Region, vehicle.Warehouse))],
            regions);
    }

    /// <summary>For every model of the order's allocation (none when dispatch never opened it): its units' models never change.</summary>
    public static async Task<FreeVehicles> ForAllocationAsync(
        IQuerySession session, string orderId, RegionMap regions, CancellationToken cancellationToken, CatalogueVehicle? justFreed = null) =>
        await session.LoadAsync<Allocation>(orderId, cancellationToken) is { } allocation
            ? await ForModelsAsync(session, [.. allocation.Units.Select(unit => unit.Model)], regions, cancellationToken, justFreed)
            : new FreeVehicles([], regions);
}
