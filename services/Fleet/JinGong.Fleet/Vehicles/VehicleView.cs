namespace JinGong.Fleet.Vehicles;

/// <summary>A vehicle as clients read it: its state and the stream version it was read at.</summary>
public sealed record VehicleView(
    string Code, string Model, string Category, string Region, string Warehouse, VehicleStatus Status,
    DateTimeOffset RegisteredAt, string? ReservedFor, Loan? Loan, Transfer? Transfer, string? Customer, long Version)
{
    public static VehicleView From(Vehicle vehicle, long version) =>
        new(vehicle.Code, vehicle.Model, vehicle.Category, vehicle.Region, vehicle.Warehouse, vehicle.Status, vehicle.RegisteredAt,
            vehicle.ReservedFor, vehicle.Loan, vehicle.Transfer, vehicle.Customer, version);
}
