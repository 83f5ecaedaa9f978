namespace JinGong.Contracts.Fleet;

/// <summary>
/// What changed a vehicle's status, in fleet's words (<see cref="VehicleStatusChanged.Cause"/>). Version 1: a word
/// once published keeps its spelling; a new one is added here before fleet sends it.
/// </summary>
public static class VehicleChangeCauses
{
    public const string Reserved = "reserved";
    public const string ReservationReleased = "reservation-released";
    public const string TransferStarted = "transfer-started";
    public const string TransferArrived = "transfer-arrived";
    public const string Lent = "lent";
    public const string Returned = "returned";
    public const string Delivered = "delivered";
    public const string MaintenanceOpened = "maintenance-opened";
    public const string MaintenanceClosed = "maintenance-closed";
    public const string Retired = "retired";

    public static readonly Vocabulary All = new(
        "VehicleStatusChanged.Cause", Reserved, ReservationReleased, TransferStarted, TransferArrived, Lent, Returned, Delivered,
        MaintenanceOpened, MaintenanceClosed, Retired);
}
