namespace JinGong.Contracts.Dispatch;

// What dispatch asks fleet to do with a vehicle. Each carries a RequestId fleet quotes back when it refuses
// (VehicleRequestRefused); when it complies, fleet's own events say so (VehicleStatusChanged, VehicleDelivered).
// Version 1.

/// <summary>Promise the vehicle to an order.</summary>
public sealed record VehicleReservationRequested(string RequestId, string VehicleCode, string OrderId, DateTimeOffset OccurredAt);

/// <summary>Take back the promise of the vehicle to an order (e.g. the order was cancelled).</summary>
public sealed record VehicleReleaseRequested(string RequestId, string VehicleCode, string OrderId, string Reason, DateTimeOffset OccurredAt);

/// <summary>Send the vehicle to another warehouse.</summary>
public sealed record VehicleTransferRequested(
    string RequestId, string VehicleCode, string TransferId, string ToWarehouse, string ToRegion, DateTimeOffset OccurredAt);

/// <summary>The vehicle of a transfer arrived at its destination.</summary>
public sealed record VehicleArrivalReported(string RequestId, string VehicleCode, string TransferId, DateTimeOffset OccurredAt);

/// <summary>Lend the vehicle [外借] to a prospect until the due date.</summary>
/// <param name="BorrowerId">
/// The borrower's id in orders' customer registry (since issue 29); absent from messages of earlier publishers, whose
/// borrower is the customer <see cref="Orders.CustomerIds.ForName"/> gives for <c>Borrower</c>.
/// </param>
public sealed record VehicleLoanRequested(
    string RequestId, string VehicleCode, string LoanId, string Borrower, string Site, DateOnly DueDate, DateTimeOffset OccurredAt,
    string? BorrowerId = null);

/// <summary>The lent vehicle came back, after so many hours of use.</summary>
public sealed record VehicleReturnReported(string RequestId, string VehicleCode, string LoanId, decimal HoursUsed, DateTimeOffset OccurredAt);

/// <summary>The scheduled delivery of the vehicle to the order's customer took place.</summary>
public sealed record VehicleDeliveryConfirmed(
    string RequestId, string VehicleCode, string OrderId, string Customer, string Site, DateTimeOffset OccurredAt);

/// <summary>A delivery of one of an order's vehicles was scheduled for a date at a site: what the customer is told.</summary>
public sealed record DeliveryScheduled(string OrderId, string VehicleCode, string Region, DateOnly Date, string Site, DateTimeOffset OccurredAt);
