namespace JinGong.Contracts.Fleet;

/// <summary>
/// A vehicle joined the fleet when production completed. Version 1: a change of meaning gets a new type,
/// never a silent change to this one.
/// </summary>
/// <param name="VehicleCode">The unique vehicle code [唯一整车编码].</param>
/// <param name="OccurredAt">When production completed (business time, UTC).</param>
public sealed record VehicleRegistered(
    string VehicleCode,
    string Model,
    string Category,
    string Region,
    string Warehouse,
    DateTimeOffset OccurredAt);
