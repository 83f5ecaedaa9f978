using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace JinGong.Dispatch.Allocations.Assigning;

/// <summary>A vehicle one allocation has asked fleet for, keyed by the vehicle's code: one order's at a time.</summary>
public sealed record VehicleClaim(string Id, string OrderId);

/// <summary>
/// The claims follow the allocations' events: a vehicle asked for is claimed until fleet refuses it, it is given back or
/// delivered. Inline, so a claim commits (or fails) with the events that make it, and a rebuild replays it.
/// </summary>
public sealed partial class VehicleClaimProjection : EventProjection
{
    public VehicleClaimProjection()
    {
        Name = nameof(VehicleClaim);
        IncludeType<ReservationRequested>();
        IncludeType<ReservationRefused>();
        IncludeType<ReleaseRequested>();
        IncludeType<UnitDelivered>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ReservationRequested requested:
                // Insert, not store: two allocations that chose the same free vehicle at once both append a request, but
                // the second transaction's insert meets the first's row on the primary key and fails whole (its events
                // too). The bus delivers its message again, and that time the vehicle is claimed, so it picks another.
                // A rebuild inserts in event order, where a vehicle is claimed again only after its claim ended.
                operations.Insert(new VehicleClaim(requested.VehicleCode, requested.OrderId));
                break;
            case ReservationRefused refused:
                operations.Delete<VehicleClaim>(refused.VehicleCode);
                break;
            case ReleaseRequested released:
                operations.Delete<VehicleClaim>(released.VehicleCode);
                break;
            case UnitDelivered delivered:
                operations.Delete<VehicleClaim>(delivered.VehicleCode);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
