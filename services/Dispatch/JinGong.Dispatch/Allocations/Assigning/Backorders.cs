using JasperFx.Events;
using JinGong.Dispatch.Catalogue;
using JinGong.Dispatch.Regions;
using JinGong.EventSourcing;
using Marten;
using Marten.Events.Projections;

namespace JinGong.Dispatch.Allocations.Assigning;

/// <summary>A unit waiting for a vehicle of its model, oldest served first.</summary>
public sealed record Backorder(string Id, string OrderId, int Unit, string Model, DateTimeOffset Since)
{
    public static string IdOf(string orderId, int unit) => $"{orderId}/{unit}";
}

/// <summary>
/// The backorders follow the allocations' events: a unit backordered waits until a vehicle is asked for it or its order is
/// cancelled. Inline, so a backorder is there (or gone) as soon as the events that decided it commit, and a rebuild
/// replays it.
/// </summary>
public sealed partial class BackorderProjection : EventProjection
{
    public BackorderProjection()
    {
        Name = nameof(Backorder);
        IncludeType<UnitBackordered>();
        IncludeType<ReservationRequested>();
        IncludeType<AllocationCancelled>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case UnitBackordered backordered:
                operations.Store(new Backorder(Backorder.IdOf(backordered.OrderId, backordered.Unit), backordered.OrderId, backordered.Unit, backordered.Model, backordered.OccurredAt));
                break;
            case ReservationRequested requested:
                operations.Delete<Backorder>(Backorder.IdOf(requested.OrderId, requested.Unit));
                break;
            case AllocationCancelled cancelled:
                operations.DeleteWhere<Backorder>(backorder => backorder.OrderId == cancelled.OrderId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A vehicle came (back) into stock: the oldest backordered unit of its model that it can serve gets it.</summary>
public static class ServingBackorders
{
    /// <param name="inStockAt">When the vehicle came into stock: when the units it serves are given it.</param>
    public static async Task ServeAsync(
        IDocumentSession session, CatalogueVehicle vehicle, RegionMap regions, DateTimeOffset inStockAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await session.Query<Backorder>()
            .Where(backorder => backorder.Model == vehicle.Model)
            .OrderBy(backorder => backorder.Since)
            .Take(20)
            .ToListAsync(cancellationToken);
        // The claims of vehicles asked for here are written by their projection when this transaction commits: until then
        // the next order in line must be kept from choosing them again.
        var askedHere = new HashSet<string>();
        foreach (var orderId in waiting.Select(backorder => backorder.OrderId).Distinct())
        {
            var free = await Candidates.ForAllocationAsync(session, orderId, regions, cancellationToken, justFreed: vehicle);
            var assign = new AssignVehicles(orderId, free with { Candidates = [.. free.Candidates.Where(candidate => !askedHere.Contains(candidate.VehicleCode))] }, inStockAt, now);
            var decided = await session.AppendDecisionAsync<Allocation>(orderId, state => AllocationDecider.Decide(assign, state), cancellationToken);
            askedHere.UnionWith(decided.Events.OfType<ReservationRequested>().Select(requested => requested.VehicleCode));
            if (askedHere.Contains(vehicle.Code))
            {
                return;
            }
        }
    }
}
