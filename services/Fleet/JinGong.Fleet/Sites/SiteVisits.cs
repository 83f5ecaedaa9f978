using JinGong.Fleet.Vehicles.Usage;
using Npgsql;

namespace JinGong.Fleet.Sites;

/// <summary>A vehicle's stay at a site: from its first reading inside to its last, with how many readings it left there.</summary>
public sealed record SiteVisit(string VehicleCode, DateTimeOffset EnteredAt, DateTimeOffset LeftAt, decimal Hours, int Readings);

/// <summary>
/// When vehicles entered and left a site, computed from their readings whenever they arrived (a batch uploaded late moves
/// a visit as it moves the meter): the readings inside the site's circle, found by the readings' spatial index, in time
/// order per vehicle, cut into visits wherever a vehicle was not seen inside for more than <see cref="Gap"/> (it left, or
/// its unit was off). A visit's time is from its first reading inside to its last.
/// </summary>
public static class SiteVisits
{
    /// <summary>No reading inside for longer than this ends a visit: units report at least every few minutes while they work.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromHours(2);

    public static async Task<IReadOnlyList<SiteVisit>> BetweenAsync(
        NpgsqlDataSource dataSource, string schema, Site site, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            with inside as (
                select vehicle_code, at from {schema}.{VehicleReadings.TableName}
                where at >= $1 and at < $2 and st_dwithin(position, st_setsrid(st_makepoint($3, $4), 4326)::geography, $5)),
            marked as (
                select vehicle_code, at,
                       case when at - lag(at) over (partition by vehicle_code order by at) <= $6 then 0 else 1 end as begins
                from inside),
            numbered as (
                select vehicle_code, at, sum(begins) over (partition by vehicle_code order by at) as visit from marked)
            select vehicle_code, min(at), max(at), count(*)::int from numbered
            group by vehicle_code, visit
            order by min(at), vehicle_code
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = site.Longitude });
        command.Parameters.Add(new NpgsqlParameter { Value = site.Latitude });
        command.Parameters.Add(new NpgsqlParameter { Value = site.RadiusMetres });
        command.Parameters.Add(new NpgsqlParameter { Value = Gap });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var visits = new List<SiteVisit>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var (entered, left) = (rows.GetFieldValue<DateTimeOffset>(1), rows.GetFieldValue<DateTimeOffset>(2));
            visits.Add(new SiteVisit(rows.GetString(0), entered, left, Math.Round((decimal)(left - entered).TotalHours, 2, MidpointRounding.AwayFromZero), rows.GetInt32(3)));
        }

        return visits;
    }
}
