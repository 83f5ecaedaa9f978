using JinGong.Fleet.Vehicles.Usage;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Fleet.Warehouses;
using Marten;
using Npgsql;

namespace JinGong.Fleet.Vehicles.Inventory;

/// <summary>Where a last known position comes from: the vehicle's newest telematics reading, or the warehouse it stands in.</summary>
public enum PositionSource
{
    Reading,
    Warehouse,
}

/// <summary>A vehicle where it was last known to be (degrees, WGS 84), since when, and how that is known.</summary>
public sealed record VehiclePosition(
    string Code, string Model, string Category, VehicleStatus Status, string Region, string Warehouse,
    double Latitude, double Longitude, PositionSource Source, DateTimeOffset Since);

/// <summary>
/// The fleet on a map: every vehicle the filters chose, where it was last known to be. <paramref name="Withheld"/> counts
/// another region's vehicles out at a customer's, whose place is that region's business; <paramref name="Unplaced"/> those
/// of which nothing tells where they are (no reading, a warehouse of unknown place).
/// </summary>
public sealed record FleetPositions(IReadOnlyList<VehiclePosition> Vehicles, int Withheld, int Unplaced);

/// <summary>The newest reading of a vehicle: when, and where.</summary>
public sealed record NewestReading(DateTimeOffset At, double Latitude, double Longitude);

/// <summary>
/// Where a vehicle was last known to be. A vehicle parked at its warehouse (in stock or reserved, or in maintenance from
/// either) since after its newest reading stands at the warehouse: a unit back from a loan has its last reading at the
/// borrower's pit, but is in the yard. Otherwise its newest reading places it, wherever the reading came from; with none,
/// its warehouse does (a unit that never reported, or left the yard without a word since).
/// </summary>
public static class LastKnownPosition
{
    public static bool IsParked(Vehicle vehicle) =>
        vehicle.Status is VehicleStatus.InStock or VehicleStatus.Reserved
        || (vehicle.Status is VehicleStatus.InMaintenance && vehicle.StatusBeforeMaintenance is VehicleStatus.InStock or VehicleStatus.Reserved);

    /// <param name="standingSince">When the vehicle's present status began (its timeline's last spell).</param>
    public static VehiclePosition? Of(Vehicle vehicle, DateTimeOffset standingSince, NewestReading? newest, Warehouse? warehouse)
    {
        var inTheYard = IsParked(vehicle) && (newest is null || newest.At < standingSince);
        return (inTheYard, newest, warehouse) switch
        {
            (false, { } reading, _) => At(vehicle, reading.Latitude, reading.Longitude, PositionSource.Reading, reading.At),
            (_, _, { } yard) => At(vehicle, yard.Latitude, yard.Longitude, PositionSource.Warehouse, standingSince),
            _ => null,
        };
    }

    private static VehiclePosition At(Vehicle vehicle, double latitude, double longitude, PositionSource source, DateTimeOffset since) =>
        new(vehicle.Code, vehicle.Model, vehicle.Category, vehicle.Status, vehicle.Region, vehicle.Warehouse, latitude, longitude, source, since);

    /// <summary>
    /// Each vehicle's newest reading and when its present status began, for <paramref name="codes"/>: one index probe per
    /// vehicle on the readings, one key lookup on the timelines.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (DateTimeOffset StandingSince, NewestReading? Newest)>> ReadAsync(
        NpgsqlDataSource dataSource, IQuerySession session, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var options = session.DocumentStore.Options;
        var timelines = options.FindOrResolveDocumentType(typeof(VehicleTimeline)).TableName.QualifiedName;
        await using var command = dataSource.CreateCommand(
            $"""
            select c.code, (t.data -> 'Spells' -> -1 ->> 'From')::timestamptz, r.at, st_y(r.position::geometry), st_x(r.position::geometry)
            from unnest($1::text[]) as c(code)
            join {timelines} t on t.id = c.code
            left join lateral (
                select at, position from {options.DatabaseSchemaName}.{VehicleReadings.TableName}
                where vehicle_code = c.code order by at desc limit 1) r on true
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = codes.ToArray() });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var found = new Dictionary<string, (DateTimeOffset, NewestReading?)>(codes.Count, StringComparer.Ordinal);
        while (await rows.ReadAsync(cancellationToken))
        {
            var newest = await rows.IsDBNullAsync(2, cancellationToken)
                ? null
                : new NewestReading(rows.GetFieldValue<DateTimeOffset>(2), rows.GetDouble(3), rows.GetDouble(4));
            found[rows.GetString(0)] = (rows.GetFieldValue<DateTimeOffset>(1), newest);
        }

        return found;
    }
}
