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
        if (Validate(request) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
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

    private static Dictionary<string, string[]> Validate(RegisterVehicleRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            errors["code"] = ["The vehicle code is required."];
        }
        else if (code.Length > MaxCodeLength)
        {
            errors["code"] = [$"The vehicle code has at most {MaxCodeLength} characters."];
        }
        else if (!VehicleCodePattern().IsMatch(code))
        {
            errors["code"] = ["The vehicle code holds letters, digits and - _ . only, and starts with a letter or digit."];
        }

        Require(errors, "model", request.Model);
        Require(errors, "category", request.Category);
        Require(errors, "region", request.Region);
        Require(errors, "warehouse", request.Warehouse);
        return errors;
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} is required."];
        }
        else if (value.Trim().Length > MaxNameLength)
        {
            errors[field] = [$"The {field} has at most {MaxNameLength} characters."];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex VehicleCodePattern();
}
