using JasperFx.Events.Projections;
using JinGong.Dispatch.Transfers.Arriving;
using JinGong.Dispatch.Transfers.FollowingFleet;
using JinGong.Dispatch.Transfers.Planning;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using MassTransit;

namespace JinGong.Dispatch.Transfers;

/// <summary>Moves between warehouses [调度] that no order asked for: planned, started by fleet, arrived.</summary>
public static class TransfersModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Transfers",
        "Vehicles moved between warehouses and regions outside any order: the plan and the arrival.");

    public static readonly StreamKind<Transfer, TransferView> Transfers =
        new("Transfer", TransferDecider.NotFound, Transfer.Evolve, TransferView.From, e => ((ITransferEvent)e).OccurredAt,
            // A transfer is the region's it brings the vehicle to, as on the board.
            transfer => transfer.ToRegion);

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
        var transfers = api.MapGroup("/transfers").WithTag(Tag);
        transfers.MapPlanTransfer();
        transfers.MapReportTransferArrival();
        transfers.MapStreamReads("/{transferId}", Transfers);
        return api;
    }
}
