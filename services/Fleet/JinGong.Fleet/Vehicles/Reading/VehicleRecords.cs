using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Reading;

/// <summary>
/// What ties a vehicle to a customer — its holder, its status spells, its trajectory (the GPS of a customer's site) — is
/// its region's (docs/access.md): a rep or regional manager of another region is refused it.
/// </summary>
public static class VehicleRecords
{
    /// <summary>The refusal of the vehicle's record to the caller, or null when they may read it (or there is no such vehicle).</summary>
    public static async Task<ProblemHttpResult?> RefusedAsync(this HttpContext http, IQuerySession session, string code, CancellationToken cancellationToken) =>
        await session.LoadAsync<Vehicle>(code, cancellationToken) is { } vehicle && !http.MayActIn(vehicle.Region)
            ? Problems.OutsideRegion($"Vehicle {code}", vehicle.Region)
            : null;

    /// <summary>The holder the caller may see: none for another region's vehicle when they are confined to theirs.</summary>
    public static string? HolderFor(string? confinedTo, Vehicle vehicle) =>
        confinedTo is null || confinedTo == vehicle.Region ? vehicle.Holder : null;
}
