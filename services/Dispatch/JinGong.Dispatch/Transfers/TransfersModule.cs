using JasperFx.Events.Projections;
using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Catalogue;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Fleet = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Transfers;

public sealed record TransferView(
    string TransferId, string VehicleCode, string FromWarehouse, string ToWarehouse, string ToRegion, TransferStatus Status, string? RefusedFor, long Version)
{
    public static TransferView From(Transfer transfer, long version) =>
        new(transfer.TransferId, transfer.VehicleCode, transfer.FromWarehouse, transfer.ToWarehouse, transfer.ToRegion, transfer.Status, transfer.RefusedFor, version);
}

public sealed record PlanTransferRequest(string? VehicleCode, string? ToWarehouse, string? ToRegion, DateTimeOffset? OccurredAt);

public sealed record TransferArrivalRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Moves between warehouses [调度] that no order asked for: planned, started by fleet, arrived.</summary>
public static class TransfersModule
{
    public static readonly StreamKind<Transfer, TransferView> Transfers =
        new("Transfer", TransferDecider.NotFound, Transfer.Evolve, TransferView.From, e => ((ITransferEvent)e).OccurredAt);

    public static void ConfigureTransfers(this StoreOptions options)
    {
        options.Projections.Add(new EvolvingProjection<Transfer>(typeof(ITransferEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Transfer>().Duplicate(transfer => transfer.ToRegion);
        options.Events.MapEventType<TransferPlanned>("transfer_planned_v1");
        options.Events.MapEventType<TransferStarted>("transfer_started_v1");
        options.Events.MapEventType<TransferRefused>("transfer_refused_v1");
        options.Events.MapEventType<TransferArrivalReported>("transfer_arrival_reported_v1");
        options.Events.MapEventType<TransferArrived>("transfer_arrived_v1");
    }

    public static void AddTransferConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<TransferAnswersConsumer>();

    public static RouteGroupBuilder MapTransfers(this RouteGroupBuilder api)
    {
        var transfers = api.MapGroup("/transfers").WithTags("Transfers");
        transfers.MapPost("/", PlanAsync).WithName("PlanTransfer").WithSummary("Move a vehicle in stock to another warehouse")
            .RequireRoles(Roles.Dispatcher);
        transfers.MapStreamCommand<TransferArrivalRequest, Transfer, TransferView>(
            "/{transferId}/arrival", "ReportTransferArrival", Transfers, _ => new FieldErrors(),
            (transferId, _, occurredAt, now) => transfer => TransferDecider.Decide(new ReportTransferArrival(transferId, occurredAt, now), transfer))
            .WithSummary("The vehicle reached its destination warehouse")
            .RequireRoles(Roles.Dispatcher);
        transfers.MapStreamReads("/{transferId}", Transfers);
        return api;
    }

    private static async Task<Results<Created<TransferView>, ValidationProblem, ProblemHttpResult>> PlanAsync(
        PlanTransferRequest request, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("vehicleCode", request.VehicleCode).Required("toWarehouse", request.ToWarehouse).Required("toRegion", request.ToRegion);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var code = request.VehicleCode!.Trim();
        var (vehicle, claimed) = await Availability.LookUpAsync(session, code, cancellationToken);
        var now = clock.GetUtcNow();
        var transferId = AllocationStore.NewId("TRF");
        var plan = new PlanTransfer(transferId, code, vehicle, claimed, request.ToWarehouse!.Trim(), request.ToRegion!.Trim(), (request.OccurredAt ?? now).ToUniversalTime(), now);
        return await session.StartAsync(Transfers, transferId, $"/api/dispatch/transfers/{transferId}", current => TransferDecider.Decide(plan, current),
            new DomainError("transfer-already-planned", $"Transfer {transferId} exists already.", ErrorKind.Conflict), cancellationToken);
    }
}

/// <summary>Fleet started or completed one of dispatch's transfers (those of allocations are followed by the allocation).</summary>
public sealed class TransferAnswersConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<TransferAnswersConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        Cause.All.Require(message.Cause) switch
        {
            Cause.TransferStarted or Cause.TransferArrived when message.TransferId is { } transferId =>
                // A transfer fleet made by hand is not dispatch's: not found, nothing to follow.
                session.AppendDecisionAsync<Transfer>(transferId, transfer => TransferDecider.Decide(new FollowFleetTransfer(transferId, message.Cause, Clock.GetUtcNow()), transfer), cancellationToken),
            // Not a planned transfer's doing: allocations, loans and the catalogue follow the others.
            _ => Task.CompletedTask,
        };
}
