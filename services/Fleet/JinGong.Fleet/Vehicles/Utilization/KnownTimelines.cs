using JinGong.Domain;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace JinGong.Fleet.Vehicles.Utilization;

/// <summary>
/// Vehicles' timelines as fleet knew them at a moment of recording: folded from the events appended by then (the
/// events' own timestamps), so a change recorded later, however early its business time, is not in them. Now's
/// timelines are the inline projection's documents; only a past moment is folded here.
/// </summary>
public static class KnownTimelines
{
    private static readonly Type[] VehicleEvents =
        [.. typeof(IVehicleEvent).Assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IVehicleEvent)))];

    /// <summary>Every vehicle's timeline as known at <paramref name="knownAt"/> (none for a vehicle not registered by then).</summary>
    public static async Task<IReadOnlyList<VehicleTimeline>> AllAsync(IQuerySession session, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= knownAt && e.EventTypesAre(VehicleEvents))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return [.. events.GroupBy(e => e.StreamKey!).Select(Fold).OfType<VehicleTimeline>()];
    }

    /// <summary>One vehicle's timeline as known at <paramref name="knownAt"/>, or null when it was not registered by then.</summary>
    public static async Task<VehicleTimeline?> OfAsync(IQuerySession session, string code, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == code && e.Timestamp <= knownAt)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return Fold(events);
    }

    private static VehicleTimeline? Fold(IEnumerable<IEvent> stream) =>
        stream.Aggregate((VehicleTimeline?)null, (timeline, e) => VehicleTimeline.Evolve(timeline, e.Data));
}
