using System.Globalization;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Fleet.Vehicles.Reading;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace JinGong.Fleet.Vehicles.Usage;

public sealed record UsagePointRequest(DateTimeOffset? At, decimal? OperatingHours, double? Latitude, double? Longitude);

/// <summary>A telematics batch: its id (a resend carries the same one) and its readings.</summary>
public sealed record ReportUsageRequest(string? BatchId, IReadOnlyList<UsagePointRequest?>? Points);

/// <summary>
/// Usage reports [轨迹] in batches, all or nothing, each batch recorded once and placed among the readings already
/// stored wherever its time falls (late and out of order as units out of signal upload them); the path read back as GeoJSON.
/// </summary>
public static class UsageEndpoints
{
    public const int MaxPoints = 10_000;

    /// <summary>The points a path is drawn with unless asked for more or fewer: a year of readings reads as a line on a map.</summary>
    public const int DefaultPathPoints = 2_000;

    /// <summary>A meter reading beyond any machine's working life (a century of round-the-clock work is 876,000 hours).</summary>
    public const decimal MaxOperatingHours = 1_000_000m;

    public static RouteGroupBuilder MapUsage(this RouteGroupBuilder vehicles)
    {
        vehicles.MapPost("/{code}/usage", ReportAsync)
            .WithName("ReportUsage")
            .WithSummary("Record a telematics batch (time, cumulative operating hours, position); a batch sent twice is recorded once")
            .RequireRoles(Roles.FleetOperations)
            .HonoursIfMatch();
        vehicles.MapGet("/{code}/trajectory", TrajectoryAsync)
            .WithName("GetTrajectory")
            .WithSummary("The vehicle's path between two moments as a GeoJSON Feature (LineString; Point for one reading, empty GeometryCollection for none) "
                + "with each point's time and hours; a long range is simplified on the server to maxPoints (default 2,000), saying how many readings it stands for");
        return vehicles;
    }

    private static async Task<Results<Ok<VehicleView>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        string code, ReportUsageRequest request, HttpContext http, IDocumentSession session, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = Validate(request, clock.GetUtcNow());
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var batchId = request.BatchId!.Trim();
        var points = request.Points!.Select(p => new UsagePoint(p!.At!.Value.ToUniversalTime(), p.OperatingHours!.Value, p.Latitude!.Value, p.Longitude!.Value)).ToList();
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        return await session.DecideAsync(
            VehicleCommandHandler.Vehicles, code, errors, http,
            (_, cancellation) => VehicleReadings.AroundAsync(dataSource, schema, code, batchId, points[0].At, points[^1].At, cancellation),
            (vehicle, stored) => VehicleDecider.Decide(new ReportUsage(code, batchId, points, stored, points[^1].At, clock.GetUtcNow()), vehicle),
            cancellationToken,
            alsoStore: writes => VehicleReadings.Keep(writes, code, batchId, points));
    }

    private static FieldErrors Validate(ReportUsageRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors().Id("batchId", request.BatchId);
        var points = request.Points ?? [];
        errors.Check("points", points.Count is > 0 and <= MaxPoints, $"A batch holds 1 to {MaxPoints} points.");
        for (var i = 0; i < points.Count && i < MaxPoints; i++)
        {
            var field = $"points[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (points[i] is not { } point)
            {
                errors.Check(field, false, $"A reading is an object: at, operatingHours, latitude, longitude.");
                continue;
            }

            errors.Required($"{field}.at", point.At)
                .Required($"{field}.operatingHours", point.OperatingHours)
                .Check($"{field}.at", point.At is null || point.At <= now, $"A reading cannot be in the future.")
                .Check($"{field}.operatingHours", point.OperatingHours is null or >= 0 and <= MaxOperatingHours, $"Operating hours run from 0 to {MaxOperatingHours}.")
                .Position(point.Latitude, point.Longitude, prefix: $"{field}.");
            if (i > 0 && points[i - 1] is { At: { } previousAt, OperatingHours: { } previousHours })
            {
                errors.Check($"{field}.at", point.At is null || point.At > previousAt, $"Readings come in time order, each after the one before.")
                    .Check($"{field}.operatingHours", point.OperatingHours is null || point.OperatingHours >= previousHours, $"Operating hours never go backwards.");
            }
        }

        return errors;
    }

    private static async Task<Results<Ok<object>, ValidationProblem, ProblemHttpResult>> TrajectoryAsync(
        string code, HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int? maxPoints = null)
    {
        var start = from ?? DateTimeOffset.MinValue;
        var end = to ?? DateTimeOffset.MaxValue;
        var most = maxPoints ?? DefaultPathPoints;
        var errors = new FieldErrors()
            .Check("to", start <= end, $"The path ends after it starts.")
            .Check("maxPoints", most is >= 2 and <= MaxPoints, $"A path is drawn with 2 to {MaxPoints} points.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (await http.RefusedAsync(session, code, cancellationToken) is { } refused)
        {
            return refused;
        }

        var path = await VehicleReadings.PathAsync(dataSource, session.DocumentStore.Options.DatabaseSchemaName, code, start, end, most, cancellationToken);
        var points = path.Points;

        // Strict GeoJSON (RFC 7946): positions are [longitude, latitude]; a LineString has two positions at least, so one
        // reading is a Point and none an empty GeometryCollection.
        object geometry = points.Count switch
        {
            0 => new { type = "GeometryCollection", geometries = Array.Empty<object>() },
            1 => new { type = "Point", coordinates = new[] { points[0].Longitude, points[0].Latitude } },
            _ => new { type = "LineString", coordinates = points.Select(point => new[] { point.Longitude, point.Latitude }) },
        };
        return TypedResults.Ok<object>(new
        {
            type = "Feature",
            geometry,
            properties = new
            {
                vehicleCode = code,
                readings = path.Readings,
                simplified = path.Readings > points.Count,
                times = points.Select(point => point.At),
                operatingHours = points.Select(point => point.OperatingHours),
            },
        });
    }
}
