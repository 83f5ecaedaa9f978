using System.Text.RegularExpressions;
using JinGong.ServiceDefaults.Http;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Registering;

/// <summary>The form filled in when production completes. <c>occurredAt</c> defaults to now.</summary>
public sealed record RegisterVehicleRequest(
    string? Code, string? Model, string? Category, string? Region, string? Warehouse, DateTimeOffset? OccurredAt);

public static partial class RegisterVehicleEndpoint
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 64;

    public static RouteGroupBuilder MapRegisterVehicle(this RouteGroupBuilder vehicles)
    {
        vehicles.MapPost("/", RegisterAsync)
            .WithName("RegisterVehicle")
            .WithSummary("Register a vehicle when its production completes");
        return vehicles;
    }

    private static async Task<Results<Created<VehicleView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterVehicleRequest request, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Any: true } errors)
        {
            return Problems.Validation(errors.Errors);
        }

        var code = request.Code!.Trim();
        var now = clock.GetUtcNow();
        var command = new RegisterVehicle(
            code, request.Model!.Trim(), request.Category!.Trim(), request.Region!.Trim(), request.Warehouse!.Trim(),
            (request.OccurredAt ?? now).ToUniversalTime(), now);

        var existing = await session.Events.FetchStreamStateAsync(code, cancellationToken);
        var current = existing is null ? null : await session.Events.AggregateStreamAsync<Vehicle>(code, token: cancellationToken);
        switch (VehicleDecider.Decide(command, current))
        {
            case Decision.Rejected rejected:
                return Problems.From(rejected.Error);
            case Decision.Accepted accepted:
                session.Events.StartStream<Vehicle>(code, accepted.Events);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (ExistingStreamIdCollisionException)
                {
                    // Another request registered the same code between our read and our write.
                    return Problems.From(VehicleDecider.AlreadyRegistered(code));
                }

                var vehicle = Vehicle.Create((VehicleRegistered)accepted.Events[0]);
                return TypedResults.Created($"/api/fleet/vehicles/{Uri.EscapeDataString(code)}", VehicleView.From(vehicle, version: 1));
            default:
                throw new InvalidOperationException("A decision is accepted or rejected.");
        }
    }

    private static FieldErrors Validate(RegisterVehicleRequest request)
    {
        var code = request.Code?.Trim();
        return new FieldErrors()
            .Required("code", code, MaxCodeLength)
            .Check("code", string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || VehicleCodePattern().IsMatch(code),
                "The vehicle code holds letters, digits and - _ . only, and starts with a letter or digit.")
            .Required("model", request.Model, MaxNameLength)
            .Required("category", request.Category, MaxNameLength)
            .Required("region", request.Region, MaxNameLength)
            .Required("warehouse", request.Warehouse, MaxNameLength);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex VehicleCodePattern();
}
