using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Orders.Orders.Invoicing;

/// <summary>An invoice; <c>issueDate</c> defaults to the day it occurred (in China).</summary>
public sealed record IssueInvoiceRequest(decimal? Amount, DateOnly? IssueDate, DateOnly? DueDate, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A payment against one invoice; <c>paidOn</c> defaults to the day it occurred (in China).</summary>
public sealed record RecordPaymentRequest(string? InvoiceId, decimal? Amount, DateOnly? PaidOn, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Finance issues invoices per order and records the payments [回款] received against them.</summary>
public static class InvoiceEndpoints
{
    public static RouteGroupBuilder MapInvoicing(this RouteGroupBuilder orders)
    {
        orders.MapStreamCommand<IssueInvoiceRequest, Order, OrderView>(
            "/{id}/invoices", "IssueInvoice", OrdersModule.Orders,
            request => new FieldErrors()
                .Money("amount", request.Amount)
                .Required("dueDate", request.DueDate),
            (id, request, occurredAt, now) => order => OrderDecider.Decide(
                new IssueInvoice(id, request.Amount!.Value, request.IssueDate ?? ChinaTime.DateOf(occurredAt), request.DueDate!.Value, occurredAt, now), order))
            .WithSummary("Issue an invoice for part or all of the order's amount")
            .RequireRoles(Roles.Finance);

        orders.MapStreamCommand<RecordPaymentRequest, Order, OrderView>(
            "/{id}/payments", "RecordPayment", OrdersModule.Orders,
            request => new FieldErrors().Required("invoiceId", request.InvoiceId).Money("amount", request.Amount),
            (id, request, occurredAt, now) => order => OrderDecider.Decide(
                new RecordPayment(id, request.InvoiceId!.Trim(), request.Amount!.Value, request.PaidOn ?? ChinaTime.DateOf(occurredAt), occurredAt, now), order))
            .WithSummary("Record a payment received against one of the order's invoices")
            .RequireRoles(Roles.Finance);
        return orders;
    }
}
