namespace JinGong.Contracts.Fleet;

/// <summary>
/// A vehicle's status as fleet tells it (<see cref="VehicleStatusChanged.From"/>, <see cref="VehicleStatusChanged.To"/>).
/// Version 1: a word once published keeps its spelling; a new one is added here before fleet sends it.
/// </summary>
public static class VehicleStatuses
{
    public const string InStock = "InStock";
    public const string Reserved = "Reserved";
    public const string InTransit = "InTransit";
    public const string OnLoan = "OnLoan";
    public const string Delivered = "Delivered";
    public const string InMaintenance = "InMaintenance";
    public const string Retired = "Retired";

    public static readonly Vocabulary All = new(
        "VehicleStatusChanged status", InStock, Reserved, InTransit, OnLoan, Delivered, InMaintenance, Retired);
}
