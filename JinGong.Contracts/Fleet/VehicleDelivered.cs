namespace JinGong.Contracts.Fleet;

/// <summary>A vehicle was handed over to the customer of an order. Version 1.</summary>
public sealed record VehicleDelivered(string VehicleCode, string Model, string OrderId, string Customer, string Site, DateTimeOffset OccurredAt);
