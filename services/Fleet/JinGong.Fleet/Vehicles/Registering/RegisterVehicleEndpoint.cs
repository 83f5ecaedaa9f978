using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Fleet.Warehouses;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Registering;

/// <summary>
/// The form filled in when production completes, naming an open warehouse (its region is the vehicle's; a region given
/// beside it must be the same). <c>occurredAt</c> defaults to now.
/// </summary>
public sealed record RegisterVehicleRequest(
    string? Code, string? Model, string? Category, string? Region, string? Warehouse, DateTimeOffset? OccurredAt);

public static class RegisterVehicleEndpoint
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 64;

    public static RouteGroupBuilder MapRegisterVehicle(this RouteGroupBuilder vehicles)
    {
        vehicles.MapPost("/", RegisterAsync)
            .WithName("RegisterVehicle")
            .WithSummary("Register a vehicle when its production completes")
            .RequireRoles(Roles.FleetOperations);
        return vehicles;
    }

    private static async Task<Results<Created<VehicleView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterVehicleRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Any: true } errors)
        {
            return Problems.Validation(errors.Errors);
        }

        var code = request.Code!.Trim();
        var warehouse = request.Warehouse!.Trim();
        var site = await session.FindAsync(warehouse, cancellationToken);
        var now = clock.GetUtcNow();
        var command = new RegisterVehicle(
            code, request.Model!.Trim(), request.Category!.Trim(), FieldErrors.Trimmed(request.Region), warehouse, site,
            (request.OccurredAt ?? now).ToUniversalTime(), now);

        return await session.StartAsync(
            VehicleCommandHandler.Vehicles, code, $"/api/fleet/vehicles/{Uri.EscapeDataString(code)}", http,
            current => VehicleDecider.Decide(command, current), VehicleDecider.AlreadyRegistered(code), cancellationToken);
    }

    private static FieldErrors Validate(RegisterVehicleRequest request)
    {
        var code = request.Code?.Trim();
        return new FieldErrors()
            .Required("code", code, MaxCodeLength)
            .Check("code", string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || FieldErrors.IsId(code),
                $"The vehicle code holds letters, digits and - _ . only, and starts with a letter or digit.")
            .Required("model", request.Model, MaxNameLength)
            .Required("category", request.Category, MaxNameLength)
            .OptionalId("region", request.Region)
            .Id("warehouse", request.Warehouse);
    }
}
