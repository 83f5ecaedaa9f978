using System.Linq.Expressions;
using JinGong.Domain;
using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using JinGong.Domain.Figures;
using JinGong.Fleet.Vehicles.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace JinGong.Fleet.Vehicles.Utilization;

/// <summary>The definitions a request may name, and the one used when it names none.</summary>
public sealed record UtilizationDefinitionList(string Default, IReadOnlyList<UtilizationDefinition> Definitions);

/// <summary>
/// Time and operating-hours utilization [设备利用率] (docs/metrics.md) of the company-held fleet or of one vehicle, for
/// any period, as of any moment (business time) and as known at any moment (recorded time), under the configured definition or the one a request names: always recomputed from
/// the vehicles' timelines and meter readings, so a past period under a new definition is answered like any other.
/// </summary>
public static class UtilizationEndpoints
{
    public const int MaxYears = 5;

    private static readonly ApiTag Tag = new("Utilization",
        "Utilization [设备利用率] of the company-held fleet and of each vehicle: time deployed ÷ time available, and operating hours "
        + "from telematics, per period, by vehicle, model or region, under a named definition of what counts.");

    private const string UnknownDefinitionAnswer = "The definition asked for is not one of the known ones (unknown-utilization-definition).";

    public static RouteGroupBuilder MapUtilization(this RouteGroupBuilder api)
    {
        var utilization = api.MapGroup("/utilization").WithTag(Tag);
        utilization.MapGet("/", FleetAsync).WithName("GetFleetUtilization")
            .WithSummary("Time and operating-hours utilization of the fleet in a period (or from/to), by total, vehicle, model or region")
            .AnswersProblem(StatusCodes.Status422UnprocessableEntity, UnknownDefinitionAnswer);
        utilization.MapGet("/definitions", (UtilizationSettings settings) =>
                TypedResults.Ok(new UtilizationDefinitionList(settings.Definition.Name, UtilizationDefinitions.All)))
            .WithName("ListUtilizationDefinitions")
            .WithSummary("The definitions of utilization a request may name, and the configured default");
        api.MapGet("/vehicles/{code}/utilization", VehicleAsync).WithTag(Tag).WithName("GetVehicleUtilization")
            .WithSummary("A vehicle's time and operating-hours utilization per day, month, quarter or year from one period to another")
            .AnswersProblem(StatusCodes.Status422UnprocessableEntity, UnknownDefinitionAnswer);
        return api;
    }

    private static Task<Results<Ok<FleetUtilization>, ValidationProblem, ProblemHttpResult>> FleetAsync(
        IQuerySession session, NpgsqlDataSource dataSource, UtilizationSettings settings, TimeProvider clock, CancellationToken cancellationToken,
        string? period = null, string? from = null, string? to = null, string? groupBy = null, string? definition = null, string? asOf = null,
        string? knownAt = null)
    {
        var errors = new FieldErrors();
        var window = from is null && to is null
            ? errors.ParsePeriod("period", period, withDays: true)
            : errors.Check("period", period is null, $"Ask for a period, or from and to, not both.").ParseRange(from, to, MaxYears);
        var grouping = errors.ParseChoice("groupBy", groupBy, UtilizationGrouping.Total);
        var moment = errors.ParseAsOf(asOf, clock.GetUtcNow());
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        return AnswerAsync<FleetUtilization>(errors, window, definition, settings, async (window, counted) =>
        {
            // Only vehicles held at some time of the window: registered before it ends, not gone before it starts.
            var end = window.End < moment ? window.End : moment;
            Expression<Func<VehicleTimeline, bool>> held = vehicle => vehicle.State.RegisteredAt < end && (vehicle.LeftFleetAt == null || vehicle.LeftFleetAt > window.Start);
            var vehicles = known is { } recorded
                ? [.. (await KnownRecords.AllAsync<VehicleTimeline>(session, recorded, VehiclesModule.TimelineEvents, cancellationToken)).Where(held.Compile())]
                : await session.Query<VehicleTimeline>().Where(held).ToListAsync(cancellationToken);
            var readings = await ReadingsAsync(
                session, dataSource, vehicles.SelectMany(vehicle => UtilizationCalculator.MeterInstants(vehicle, window, moment).Select(at => (vehicle.Id, at))),
                moment, known, cancellationToken);
            return TypedResults.Ok(UtilizationCalculator.ForFleet(vehicles, readings, window, moment, counted, settings.Shifts, grouping) with { KnownAt = known });
        });
    }

    private static Task<Results<Ok<VehicleUtilization>, ValidationProblem, ProblemHttpResult>> VehicleAsync(
        string code, IQuerySession session, NpgsqlDataSource dataSource, UtilizationSettings settings, TimeProvider clock, CancellationToken cancellationToken,
        string? from = null, string? to = null, string? granularity = null, string? definition = null, string? asOf = null, string? knownAt = null)
    {
        var errors = new FieldErrors();
        var range = errors.ParseRange(from, to, MaxYears);
        var unit = errors.ParseChoice("granularity", granularity, PeriodUnit.Month);
        var moment = errors.ParseAsOf(asOf, clock.GetUtcNow());
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        return AnswerAsync<VehicleUtilization>(errors, range, definition, settings, async (range, counted) =>
        {
            var timeline = known is { } recorded
                ? await KnownRecords.OfAsync<VehicleTimeline>(session, code, recorded, cancellationToken)
                : await session.LoadAsync<VehicleTimeline>(code, cancellationToken);
            if (timeline is not { } vehicle)
            {
                return Problems.From(VehicleDecider.NotFound(code));
            }

            var readings = await ReadingsAsync(
                session, dataSource, range.Split(unit).Append(range).SelectMany(period => UtilizationCalculator.MeterInstants(vehicle, period, moment)).Select(at => (code, at)),
                moment, known, cancellationToken);
            return TypedResults.Ok(UtilizationCalculator.ForVehicle(
                vehicle, readings.TryGetValue(code, out var ofVehicle) ? ofVehicle : [], range, unit, moment, counted, settings.Shifts) with { KnownAt = known });
        });
    }

    /// <summary>The readings taken by <paramref name="asOf"/> and recorded by <paramref name="knownAt"/> that the meter is read between, at each of the instants.</summary>
    private static Task<IReadOnlyDictionary<string, IReadOnlyList<MeterReading>>> ReadingsAsync(
        IQuerySession session, NpgsqlDataSource dataSource, IEnumerable<(string Vehicle, DateTimeOffset Instant)> instants, DateTimeOffset asOf,
        DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        VehicleReadings.BracketingAsync(dataSource, session.DocumentStore.Options.DatabaseSchemaName, [.. instants.Distinct()], asOf, knownAt, cancellationToken);

    /// <summary>
    /// The figure <paramref name="compute"/> gives for the range and definition asked for, once the request is known to be
    /// well-formed (400 naming each wrong field) and to name a known definition (422), or the configured one when it names none.
    /// </summary>
    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> AnswerAsync<T>(
        FieldErrors errors, Period? range, string? definition, UtilizationSettings settings,
        Func<Period, UtilizationDefinition, Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>>> compute)
    {
        if (range is null || errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var counted = definition is null ? settings.Definition : UtilizationDefinitions.Find(definition);
        return counted is null ? UnknownDefinition(definition!) : await compute(range, counted);
    }

    private static ProblemHttpResult UnknownDefinition(string name) =>
        Problems.From(new DomainError(
            "unknown-utilization-definition",
            $"No definition of utilization is named '{name}'; the known ones are {string.Join(", ", UtilizationDefinitions.All.Select(d => d.Name))}.",
            ErrorKind.Unprocessable));
}
