namespace JinGong.Contracts.Fleet;

/// <summary>
/// A vehicle moved from one status to another (InStock, Reserved, InTransit, OnLoan, Delivered,
/// InMaintenance, Retired), with what caused it: the order, loan or transfer behind it. Version 1.
/// </summary>
/// <param name="Cause">What happened, in fleet's words: reserved, reservation-released, transfer-started,
/// transfer-arrived, lent, returned, delivered, maintenance-opened, maintenance-closed, retired.</param>
public sealed record VehicleStatusChanged(
    string VehicleCode,
    string Model,
    string Region,
    string Warehouse,
    string From,
    string To,
    string Cause,
    string? OrderId,
    string? LoanId,
    string? TransferId,
    DateTimeOffset OccurredAt);
