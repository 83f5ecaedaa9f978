namespace JinGong.Contracts.Fleet;

/// <summary>
/// A vehicle moved from one status to another (words of <see cref="VehicleStatuses"/>), with what caused it: the
/// order, loan or transfer behind it. Version 1.
/// </summary>
/// <param name="Cause">What happened, in fleet's words: one of <see cref="VehicleChangeCauses"/>.</param>
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
