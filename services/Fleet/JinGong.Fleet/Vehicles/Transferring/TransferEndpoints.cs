using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Transferring;

public sealed record StartTransferRequest(string? TransferId, string? ToWarehouse, string? ToRegion, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record CompleteTransferRequest(string? TransferId, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A vehicle leaving one warehouse for another, and arriving.</summary>
public static class TransferEndpoints
{
    public static RouteGroupBuilder MapTransfers(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<StartTransferRequest>(
            "transfers", "StartTransfer",
            request => new FieldErrors().Id("transferId", request.TransferId).Required("toWarehouse", request.ToWarehouse).Required("toRegion", request.ToRegion),
            (code, request, occurredAt, now) => new StartTransfer(code, request.TransferId!.Trim(), request.ToWarehouse!.Trim(), request.ToRegion!.Trim(), occurredAt, now))
            .WithSummary("Start moving a vehicle in stock or reserved to another warehouse (and region)")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);

        vehicles.MapVehicleCommand<CompleteTransferRequest>(
            "transfers/arrival", "CompleteTransfer",
            request => new FieldErrors().Id("transferId", request.TransferId),
            (code, request, occurredAt, now) => new CompleteTransfer(code, request.TransferId!.Trim(), occurredAt, now))
            .WithSummary("Record the vehicle's arrival at the warehouse it was transferred to")
            .RequireRoles(Roles.Dispatcher, Roles.FleetOperations);
        return vehicles;
    }
}
