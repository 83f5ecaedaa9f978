namespace JinGong.Contracts.Fleet;

/// <summary>A vehicle left the fleet for good. Version 1.</summary>
public sealed record VehicleRetired(string VehicleCode, string Model, string Reason, DateTimeOffset OccurredAt);
