using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Reading;

/// <summary>From <paramref name="From"/> to <paramref name="To"/> (null: still so) the vehicle stood in one status and region.</summary>
public sealed record StatusSpellView(DateTimeOffset From, DateTimeOffset? To, VehicleStatus Status, VehicleStatus? StatusBeforeMaintenance, string Region);

public sealed record VehicleStatusTimeline(string Code, IReadOnlyList<StatusSpellView> Spells);

/// <summary>
/// The spells of a vehicle's status and region in business time, as utilization counts them: the vehicle's timeline
/// projection, so a client never works statuses out of event types on its own.
/// </summary>
public static class StatusTimelineEndpoint
{
    public static RouteGroupBuilder MapStatusTimeline(this RouteGroupBuilder vehicles)
    {
        vehicles.MapGet("/{code}/status-timeline", TimelineAsync)
            .WithName("GetVehicleStatusTimeline")
            .WithSummary("Each spell of the vehicle's status and region, from when to when, in business time");
        return vehicles;
    }

    private static async Task<Results<Ok<VehicleStatusTimeline>, ProblemHttpResult>> TimelineAsync(
        string code, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await http.RefusedAsync(session, code, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await session.LoadAsync<VehicleTimeline>(code, cancellationToken) is { } timeline
            ? TypedResults.Ok(new VehicleStatusTimeline(timeline.Id, [.. timeline.Spells.Select((spell, i) => new StatusSpellView(
                spell.From, i + 1 < timeline.Spells.Count ? timeline.Spells[i + 1].From : null, spell.Status, spell.StatusBeforeMaintenance, spell.Region))]))
            : Problems.From(VehicleDecider.NotFound(code));
    }
}
