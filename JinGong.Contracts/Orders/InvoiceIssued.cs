namespace JinGong.Contracts.Orders;

/// <summary>An invoice was issued for (part of) an order; <paramref name="DueDate"/> is a China calendar date. Version 1.</summary>
/// <param name="CustomerId">
/// The customer's id in orders' registry (since issue 29); absent from messages of earlier publishers, whose customer is
/// the one <see cref="CustomerIds.ForName"/> gives for <c>Customer</c>.
/// </param>
public sealed record InvoiceIssued(
    string OrderId, string InvoiceId, string Customer, string Region, string SalesRep,
    decimal Amount, string Currency, DateOnly IssueDate, DateOnly DueDate, DateTimeOffset OccurredAt, string? CustomerId = null);
