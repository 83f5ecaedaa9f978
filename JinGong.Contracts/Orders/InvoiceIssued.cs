namespace JinGong.Contracts.Orders;

/// <summary>An invoice was issued for (part of) an order; <paramref name="DueDate"/> is a China calendar date. Version 1.</summary>
public sealed record InvoiceIssued(
    string OrderId, string InvoiceId, string Customer, string Region, string SalesRep,
    decimal Amount, string Currency, DateOnly IssueDate, DateOnly DueDate, DateTimeOffset OccurredAt);
