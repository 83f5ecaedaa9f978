using JinGong.Contracts.Fleet;
using JinGong.Fleet.Vehicles;

namespace JinGong.Fleet.Integration;

/// <summary>Fleet's own types in the words of its contracts, spelt out so that renaming a member here changes nothing other services read.</summary>
public static class PublishedWords
{
    public static string Published(this VehicleStatus status) => status switch
    {
        VehicleStatus.InStock => VehicleStatuses.InStock,
        VehicleStatus.Reserved => VehicleStatuses.Reserved,
        VehicleStatus.InTransit => VehicleStatuses.InTransit,
        VehicleStatus.OnLoan => VehicleStatuses.OnLoan,
        VehicleStatus.Delivered => VehicleStatuses.Delivered,
        VehicleStatus.InMaintenance => VehicleStatuses.InMaintenance,
        VehicleStatus.Retired => VehicleStatuses.Retired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A status with no published word."),
    };
}
