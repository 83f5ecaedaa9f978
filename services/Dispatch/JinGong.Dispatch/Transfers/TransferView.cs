namespace JinGong.Dispatch.Transfers;

/// <summary>A transfer as clients read it, with the stream version it was read at.</summary>
public sealed record TransferView(
    string TransferId, string VehicleCode, string FromWarehouse, string ToWarehouse, string ToRegion, TransferStatus Status, string? RefusedFor, long Version)
{
    public static TransferView From(Transfer transfer, long version) =>
        new(transfer.TransferId, transfer.VehicleCode, transfer.FromWarehouse, transfer.ToWarehouse, transfer.ToRegion, transfer.Status, transfer.RefusedFor, version);
}

/// <summary>A transfer as the board shows it: its own shape, so the answer stays when the aggregate changes.</summary>
public sealed record TransferSummary(
    string TransferId, string VehicleCode, string FromWarehouse, string ToWarehouse, string ToRegion, TransferStatus Status,
    DateTimeOffset PlannedAt, DateTimeOffset LastOccurredAt, string? RefusedFor)
{
    public static TransferSummary From(Transfer transfer) =>
        new(transfer.TransferId, transfer.VehicleCode, transfer.FromWarehouse, transfer.ToWarehouse, transfer.ToRegion, transfer.Status,
            transfer.PlannedAt, transfer.LastOccurredAt, transfer.RefusedFor);
}
