namespace JinGong.Contracts.Fleet;

/// <summary>A telematics batch was recorded: one summary per batch, never per point. Version 1.</summary>
public sealed record VehicleUsageReported(
    string VehicleCode, string Model, string BatchId, int Points, DateTimeOffset From, DateTimeOffset To,
    decimal OperatingHoursFrom, decimal OperatingHoursTo, DateTimeOffset OccurredAt);
