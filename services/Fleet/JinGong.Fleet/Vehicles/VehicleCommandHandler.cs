using JasperFx;
using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles;

/// <summary>
/// Load → decide → append for every command on an existing vehicle, always at the version the decision
/// was made on: of two concurrent writers only one can win. <c>If-Match</c> pins that version to the one
/// the client read (412 when the stream has moved on).
/// </summary>
public static class VehicleCommandHandler
{
    /// <summary>
    /// Maps <c>POST /{code}/<paramref name="pattern"/></c>: the request is validated, then turned into a
    /// command with its business time (<c>occurredAt</c>, default now) and the clock's reading.
    /// </summary>
    public static RouteHandlerBuilder MapVehicleCommand<TRequest>(
        this RouteGroupBuilder vehicles,
        string pattern,
        string name,
        Func<TRequest, FieldErrors> validate,
        Func<string, TRequest, DateTimeOffset, DateTimeOffset, VehicleCommand> command)
        where TRequest : IVehicleCommandRequest =>
        vehicles.MapPost($"/{{code}}/{pattern}", (string code, TRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            HandleAsync(code, validate(request), now => command(code, request, (request.OccurredAt ?? now).ToUniversalTime(), now), http, session, clock, cancellationToken))
        .WithName(name);

    /// <param name="alsoStore">What else an accepted command writes in the same transaction (e.g. a batch's points).</param>
    public static async Task<Results<Ok<VehicleView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string code, FieldErrors errors, Func<DateTimeOffset, VehicleCommand> command,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken,
        Action<IDocumentSession>? alsoStore = null)
    {
        if (!http.Request.TryGetExpectedVersion(out var expectedVersion))
        {
            errors.Check("If-Match", false, "If-Match names a stream version, e.g. \"3\".");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var stream = await session.Events.FetchForWriting<Vehicle>(code, cancellationToken);
        if (stream.Aggregate is null)
        {
            return Problems.From(VehicleDecider.NotFound(code));
        }

        var readVersion = stream.CurrentVersion ?? 0;
        if (expectedVersion is not null && expectedVersion != readVersion)
        {
            return Problems.StreamMoved($"Vehicle {code} is at version {readVersion}, not {expectedVersion}.");
        }

        switch (VehicleDecider.Decide(command(clock.GetUtcNow()), stream.Aggregate))
        {
            case Decision.Rejected rejected:
                return Problems.From(rejected.Error);
            case Decision.Accepted accepted:
                stream.AppendMany(accepted.Events);
                alsoStore?.Invoke(session);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (ConcurrencyException)
                {
                    // Another writer appended between our read and our write; its change stands, ours is refused.
                    return expectedVersion is null
                        ? Problems.From(new DomainError("concurrent-change", $"Vehicle {code} changed while this command was decided; read it again and retry.", ErrorKind.Conflict))
                        : Problems.StreamMoved($"Vehicle {code} moved past version {expectedVersion} while this command was decided.");
                }

                var version = readVersion + accepted.Events.Count;
                var state = accepted.Events.Aggregate(stream.Aggregate, (vehicle, @event) => vehicle.After(@event));
                http.Response.SetStreamVersion(version);
                return TypedResults.Ok(VehicleView.From(state, version));
            default:
                throw new InvalidOperationException("A decision is accepted or rejected.");
        }
    }
}

/// <summary>Every command request may say when the thing happened; it defaults to now.</summary>
public interface IVehicleCommandRequest
{
    DateTimeOffset? OccurredAt { get; }
}
