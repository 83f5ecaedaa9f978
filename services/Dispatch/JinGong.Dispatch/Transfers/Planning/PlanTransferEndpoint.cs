using JinGong.Dispatch.Movements;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Transfers.Planning;

public sealed record PlanTransferRequest(string? VehicleCode, string? ToWarehouse, string? ToRegion, DateTimeOffset? OccurredAt);

/// <summary>A vehicle in stock moved to another warehouse that no order asked for (restocking a region): fleet is asked to set it off.</summary>
public static class PlanTransferEndpoint
{
    public static RouteGroupBuilder MapPlanTransfer(this RouteGroupBuilder transfers)
    {
        transfers.MapPost("/", PlanAsync).WithName("PlanTransfer").WithSummary("Move a vehicle in stock to another warehouse")
            .RequireRoles(Roles.Dispatcher);
        return transfers;
    }

    private static async Task<Results<Created<TransferView>, ValidationProblem, ProblemHttpResult>> PlanAsync(
        PlanTransferRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("vehicleCode", request.VehicleCode).Required("toWarehouse", request.ToWarehouse).Required("toRegion", request.ToRegion);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        return await session.StartMovementAsync(
            TransfersModule.Transfers, "TRF", "transfers", request.VehicleCode!, request.OccurredAt, http, clock,
            vehicle => new PlanTransfer(
                vehicle.Id, vehicle.Code, vehicle.Vehicle, vehicle.ClaimedByOrder, request.ToWarehouse!.Trim(), request.ToRegion!.Trim(), vehicle.OccurredAt, vehicle.Now),
            TransferDecider.Decide, cancellationToken);
    }
}
