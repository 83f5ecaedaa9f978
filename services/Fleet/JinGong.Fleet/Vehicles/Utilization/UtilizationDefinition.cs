namespace JinGong.Fleet.Vehicles.Utilization;

/// <summary>How a definition counts a stretch of a vehicle's time.</summary>
public enum TimeUse
{
    /// <summary>Not in the fleet's available time at all: not company-held (delivered), retired, or excluded by the definition.</summary>
    Excluded,

    /// <summary>Available but not deployed: in stock, reserved, in transit, or (where the definition counts it so) in maintenance.</summary>
    Idle,

    /// <summary>Available and deployed.</summary>
    Deployed,
}

/// <summary>
/// A named way of counting time utilization [设备利用率]: what counts as deployed (<paramref name="Deployed"/>) and as
/// available (<paramref name="Available"/>), in words for the answer, and the two switches that tell the definitions
/// apart. Every definition agrees that a delivered (sold) or retired vehicle is out of the company-held fleet, that
/// in stock, reserved and in transit are available and not deployed, and that on loan is deployed; they differ only on
/// maintenance.
/// </summary>
public sealed record UtilizationDefinition(
    string Name, string Deployed, string Available, bool MaintenanceIsAvailable, bool RepairDuringLoanIsDeployed)
{
    public TimeUse Classify(StatusSpell spell) => spell switch
    {
        { Status: VehicleStatus.Delivered or VehicleStatus.Retired } => TimeUse.Excluded,
        { Status: VehicleStatus.OnLoan } => TimeUse.Deployed,
        { Status: VehicleStatus.InMaintenance, StatusBeforeMaintenance: VehicleStatus.Delivered } => TimeUse.Excluded,
        { Status: VehicleStatus.InMaintenance, StatusBeforeMaintenance: VehicleStatus.OnLoan } when RepairDuringLoanIsDeployed => TimeUse.Deployed,
        { Status: VehicleStatus.InMaintenance } => MaintenanceIsAvailable ? TimeUse.Idle : TimeUse.Excluded,
        _ => TimeUse.Idle,
    };
}

/// <summary>The definitions a request or the setting <c>Fleet:Utilization:Definition</c> may name.</summary>
public static class UtilizationDefinitions
{
    public const string DefaultName = "loan-time";

    public static readonly IReadOnlyList<UtilizationDefinition> All =
    [
        new(DefaultName,
            "time on loan [外借], not counting repairs during a loan",
            "time company-held and not retired, maintenance included",
            MaintenanceIsAvailable: true, RepairDuringLoanIsDeployed: false),
        new("loan-time-excluding-maintenance",
            $"time on loan [外借], not counting repairs during a loan",
            "time company-held and not retired, less time in maintenance",
            MaintenanceIsAvailable: false, RepairDuringLoanIsDeployed: false),
        new("loan-period",
            $"the whole loan, lent to returned, repairs during it included (the borrower keeps the unit)",
            "time company-held and not retired, maintenance included",
            MaintenanceIsAvailable: true, RepairDuringLoanIsDeployed: true),
    ];

    public static UtilizationDefinition? Find(string? name) =>
        All.FirstOrDefault(definition => string.Equals(definition.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
