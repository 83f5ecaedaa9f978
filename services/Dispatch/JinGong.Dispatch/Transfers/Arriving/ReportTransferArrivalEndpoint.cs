using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Dispatch.Transfers.Arriving;

public sealed record TransferArrivalRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The vehicle of a transfer reached its destination warehouse: fleet is told.</summary>
public static class ReportTransferArrivalEndpoint
{
    public static RouteGroupBuilder MapReportTransferArrival(this RouteGroupBuilder transfers)
    {
        transfers.MapStreamCommand<TransferArrivalRequest, Transfer, TransferView>(
            "/{transferId}/arrival", "ReportTransferArrival", TransfersModule.Transfers, _ => new FieldErrors(),
            (transferId, _, occurredAt, now) => transfer => TransferDecider.Decide(new ReportTransferArrival(transferId, occurredAt, now), transfer))
            .WithSummary("The vehicle reached its destination warehouse")
            .RequireRoles(Roles.Dispatcher);
        return transfers;
    }
}
