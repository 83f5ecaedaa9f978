namespace JinGong.Contracts.Fleet;

/// <summary>A telematics batch was recorded: one summary per batch, never per point. Version 1.</summary>
/// <param name="LoanId">The loan the vehicle was out on when the batch was recorded (none: it was not on loan). Added in
/// version 1 with a default, so a message without it still reads.</param>
public sealed record VehicleUsageReported(
    string VehicleCode, string Model, string BatchId, int Points, DateTimeOffset From, DateTimeOffset To,
    decimal OperatingHoursFrom, decimal OperatingHoursTo, DateTimeOffset OccurredAt, string? LoanId = null);
