using JasperFx.Events;
using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Reading;

/// <summary>
/// A vehicle now, as it was at a moment of business time (<c>?asOf=</c>: the events that occurred by then),
/// or after its first N events (<c>?version=</c>); and its whole history for auditors.
/// </summary>
public static class GetVehicleEndpoint
{
    public sealed record HistoryEntry(
        long Version, string Type, object Data, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
        string? User, string? CorrelationId, string? CausationId);

    public static RouteGroupBuilder MapGetVehicle(this RouteGroupBuilder vehicles)
    {
        vehicles.MapGet("/{code}", GetAsync)
            .WithName("GetVehicle")
            .WithSummary("A vehicle's state (now, ?asOf= a moment, or ?version= N) with its stream version as ETag");
        vehicles.MapGet("/{code}/history", HistoryAsync)
            .WithName("GetVehicleHistory")
            .WithSummary("Every event of a vehicle with its business and recorded times, user and correlation id");
        return vehicles;
    }

    private static async Task<Results<Ok<VehicleView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string code, IQuerySession session, HttpResponse response, CancellationToken cancellationToken, DateTimeOffset? asOf = null, long? version = null)
    {
        var errors = new FieldErrors()
            .Check("version", version is null or >= 1, "Versions count from 1.")
            .Check("asOf", asOf is null || version is null, "Ask for a moment or a version, not both.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var events = await session.Events.FetchStreamAsync(code, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.From(VehicleDecider.NotFound(code));
        }

        // Business time never runs backwards within a stream, so "occurred by T" is a prefix of it.
        var folded = (asOf, version) switch
        {
            ({ } moment, _) => events.TakeWhile(e => ((IVehicleEvent)e.Data).OccurredAt <= moment).ToList(),
            (_, { } count) when count > events.Count => null,
            (_, { } count) => events.Take((int)count).ToList(),
            _ => events.ToList(),
        };
        if (folded is null)
        {
            return Problems.From(new DomainError("version-not-reached", $"Vehicle {code} has {events.Count} events, not {version}.", ErrorKind.NotFound));
        }

        if (Vehicle.From(folded.Select(e => e.Data)) is not { } vehicle)
        {
            return Problems.From(new DomainError("vehicle-not-registered-yet", $"Vehicle {code} was not registered by {asOf:O}.", ErrorKind.NotFound));
        }

        response.SetStreamVersion(events.Count);
        return TypedResults.Ok(VehicleView.From(vehicle, folded.Count));
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(
        string code, IQuerySession session, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(code, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.From(VehicleDecider.NotFound(code));
        }

        return TypedResults.Ok<IReadOnlyList<HistoryEntry>>([.. events.Select(ToEntry)]);
    }

    private static HistoryEntry ToEntry(IEvent e) =>
        new(e.Version, e.EventTypeName, e.Data, ((IVehicleEvent)e.Data).OccurredAt, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId);
}
