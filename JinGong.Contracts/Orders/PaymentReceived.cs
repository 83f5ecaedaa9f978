namespace JinGong.Contracts.Orders;

/// <summary>A payment [回款] was received against an invoice on <paramref name="PaidOn"/> (China calendar). Version 1.</summary>
public sealed record PaymentReceived(
    string OrderId, string InvoiceId, string PaymentId, string Customer, string Region, string SalesRep,
    decimal Amount, string Currency, DateOnly PaidOn, DateTimeOffset OccurredAt);
