using JinGong.EventSourcing;
using JinGong.Fleet.Warehouses;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Fleet.Vehicles.Transferring;

/// <summary>Where to: an open warehouse; a region named beside it must be its own.</summary>
public sealed record StartTransferRequest(string? TransferId, string? ToWarehouse, string? ToRegion, DateTimeOffset? OccurredAt) : ICommandRequest;

public sealed record CompleteTransferRequest(string? TransferId, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A vehicle leaving one warehouse for another, and arriving.</summary>
public static class TransferEndpoints
{
    public static RouteGroupBuilder MapTransfers(this RouteGroupBuilder vehicles)
    {
        vehicles.MapVehicleCommand<StartTransferRequest, Warehouse?>(
            "transfers", "StartTransfer",
            request => new FieldErrors().Id("transferId", request.TransferId).Id("toWarehouse", request.ToWarehouse).OptionalId("toRegion", request.ToRegion),
            (request, session, cancellationToken) => session.FindAsync(request.ToWarehouse!.Trim(), cancellationToken),
            (code, request, destination, occurredAt, now) => new StartTransfer(
                code, request.TransferId!.Trim(), request.ToWarehouse!.Trim(), FieldErrors.Trimmed(request.ToRegion), destination, occurredAt, now))
            .WithSummary("Start moving a vehicle in stock or reserved to another open warehouse (into its region)")
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
