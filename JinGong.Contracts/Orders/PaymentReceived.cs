namespace JinGong.Contracts.Orders;

/// <summary>A payment [回款] was received against an invoice on <paramref name="PaidOn"/> (China calendar). Version 1.</summary>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record PaymentReceived(
    string OrderId, string InvoiceId, string PaymentId, string Customer, string Region, string SalesRep,
    decimal Amount, string Currency, DateOnly PaidOn, DateTimeOffset OccurredAt, string? CustomerId = null);
