using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Regions;
using JinGong.ServiceDefaults;
using Marten;

namespace JinGong.Dispatch.Allocations;

/// <summary>
/// A vehicle one allocation has asked fleet for. Its id is the vehicle code, so two allocations can never
/// claim the same vehicle: the second insert fails, its message is retried and it picks another.
/// </summary>
public sealed record VehicleClaim(string Id, string OrderId);

/// <summary>A unit waiting for a vehicle of its model, oldest served first.</summary>
public sealed record Backorder(string Id, string OrderId, int Unit, string Model, DateTimeOffset Since);

/// <summary>
/// Where allocation meets its store: the free candidates it chooses from (dispatch's catalogue minus the
/// vehicles claimed by other orders), and the claims and backorders that follow from its events, written in
/// the same transaction as those events.
/// </summary>
public static class AllocationStore
{
    /// <summary>
    /// The units of <paramref name="state"/> that need a vehicle are given one (or backordered).
    /// <paramref name="justFreed"/> is a vehicle this very transaction saw come back to stock, not yet in the catalogue.
    /// </summary>
    public static async Task<IReadOnlyList<object>> AssignAsync(
        IDocumentSession session, Allocation state, RegionMap regions, DateTimeOffset now, CancellationToken cancellationToken, CatalogueVehicle? justFreed = null)
    {
        var models = state.Units.Where(unit => unit.NeedsVehicle).Select(unit => unit.Model).Distinct().ToList();
        if (models.Count == 0)
        {
            return [];
        }

        var inStock = await session.Query<CatalogueVehicle>()
            .Where(vehicle => vehicle.Status == CatalogueVehicle.InStock && models.Contains(vehicle.Model))
            .ToListAsync(cancellationToken);
        var free = inStock.Where(vehicle => vehicle.Code != justFreed?.Code).Concat(justFreed is null ? [] : [justFreed]).ToList();
        var claimed = (await session.LoadManyAsync<VehicleClaim>(cancellationToken, free.Select(vehicle => vehicle.Code))).Select(claim => claim.Id).ToHashSet();
        var candidates = free.Where(vehicle => !claimed.Contains(vehicle.Code))
            .Select(vehicle => new Candidate(vehicle.Code, vehicle.Model, vehicle.Region, vehicle.Warehouse)).ToList();
        return AllocationDecider.Assign(state, candidates, regions, now, NewId.For);
    }

    /// <summary>Keeps claims and backorders in step with the allocation's events, in the same transaction.</summary>
    public static void Follow(IDocumentSession session, IEnumerable<object> events)
    {
        foreach (var @event in events)
        {
            switch (@event)
            {
                case ReservationRequested e:
                    session.Insert(new VehicleClaim(e.VehicleCode, e.OrderId));
                    session.Delete<Backorder>(BackorderId(e.OrderId, e.Unit));
                    break;
                case UnitBackordered e:
                    session.Store(new Backorder(BackorderId(e.OrderId, e.Unit), e.OrderId, e.Unit, e.Model, e.OccurredAt));
                    break;
                case ReservationRefused e:
                    session.Delete<VehicleClaim>(e.VehicleCode);
                    break;
                case ReleaseRequested e:
                    session.Delete<VehicleClaim>(e.VehicleCode);
                    break;
                case UnitDelivered e:
                    session.Delete<VehicleClaim>(e.VehicleCode);
                    break;
                case AllocationCancelled e:
                    session.DeleteWhere<Backorder>(backorder => backorder.OrderId == e.OrderId);
                    break;
            }
        }
    }

    /// <summary>A vehicle came (back) into stock: the oldest backordered unit of its model that it can serve gets it.</summary>
    public static async Task ServeBackordersAsync(
        IDocumentSession session, CatalogueVehicle vehicle, RegionMap regions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await session.Query<Backorder>()
            .Where(backorder => backorder.Model == vehicle.Model)
            .OrderBy(backorder => backorder.Since)
            .Take(20)
            .ToListAsync(cancellationToken);
        foreach (var orderId in waiting.Select(backorder => backorder.OrderId).Distinct())
        {
            var allocation = await session.Events.FetchForWriting<Allocation>(orderId, cancellationToken);
            if (allocation.Aggregate is not { } state)
            {
                continue;
            }

            var events = await AssignAsync(session, state, regions, now, cancellationToken, justFreed: vehicle);
            allocation.AppendMany(events);
            Follow(session, events);
            if (events.OfType<ReservationRequested>().Any(requested => requested.VehicleCode == vehicle.Code))
            {
                return;
            }
        }
    }

    private static string BackorderId(string orderId, int unit) => $"{orderId}/{unit}";
}
