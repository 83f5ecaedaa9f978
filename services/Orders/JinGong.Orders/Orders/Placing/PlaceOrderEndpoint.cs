using JasperFx;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Customers;
using JinGong.Orders.Opportunities;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Orders.Placing;

public sealed record OrderLineRequest(string? Model, int? Quantity, decimal? UnitPrice);

/// <summary>
/// An order, placed from a won opportunity (customer, region and sales rep then come from it) or directly, for a
/// customer named by <c>customerId</c> or by name (as when filing an opportunity). <c>occurredAt</c> defaults to now.
/// </summary>
public sealed record PlaceOrderRequest(
    string? OpportunityId, string? Customer, string? Region, string? SalesRep, string? DeliverySite,
    IReadOnlyList<OrderLineRequest>? Lines, DateTimeOffset? OccurredAt, string? CustomerId = null);

public static class PlaceOrderEndpoint
{
    public const int MaxUnitsPerLine = 1_000;

    public static RouteGroupBuilder MapPlaceOrder(this RouteGroupBuilder orders)
    {
        orders.MapPost("/", PlaceAsync)
            .WithName("PlaceOrder")
            .WithSummary("Place an order [订单], from a won opportunity or directly")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);
        return orders;
    }

    private static async Task<Results<Created<OrderView>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        PlaceOrderRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var fromOpportunity = !string.IsNullOrWhiteSpace(request.OpportunityId);
        var errors = new FieldErrors()
            .Required("deliverySite", request.DeliverySite)
            .Lines(request.Lines, (line, index, lineErrors) => lineErrors
                .Count($"lines[{index}].quantity", line.Quantity, MaxUnitsPerLine)
                .Money($"lines[{index}].unitPrice", line.UnitPrice), line => line.Model);
        if (!fromOpportunity)
        {
            errors.Customer(request.CustomerId, request.Customer).Required("region", request.Region).Required("salesRep", request.SalesRep);
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var now = clock.GetUtcNow();
        var occurredAt = (request.OccurredAt ?? now).ToUniversalTime();
        try
        {
            return await session.UnderNewIdAsync(http, "ORD", (attempt, id) => PlaceUnderAsync(id, request, fromOpportunity, occurredAt, now, http, attempt, cancellationToken));
        }
        catch (ConcurrencyException)
        {
            return Problems.From(new DomainError(
                "concurrent-change", $"Opportunity {request.OpportunityId} changed while the order was placed; read it again and retry.", ErrorKind.Conflict));
        }
    }

    /// <summary>Places the order as <paramref name="id"/>, marking its won opportunity as ordered in the same transaction.</summary>
    private static async Task<Results<Created<OrderView>, ValidationProblem, ProblemHttpResult>> PlaceUnderAsync(
        string id, PlaceOrderRequest request, bool fromOpportunity, DateTimeOffset occurredAt, DateTimeOffset now, HttpContext http, IDocumentSession session,
        CancellationToken cancellationToken)
    {
        var (customerName, region, salesRep) = (request.Customer?.Trim(), request.Region?.Trim(), request.SalesRep?.Trim());
        CustomerOfRecord? customer = null;
        if (fromOpportunity)
        {
            // The opportunity is marked as ordered in the same transaction that places the order: it leads to one order.
            var opportunity = await session.AppendDecisionAsync<Opportunity>(request.OpportunityId!.Trim(), won =>
                OpportunityDecider.Decide(new OrderOpportunity(request.OpportunityId.Trim(), id, customerName, region, salesRep, occurredAt, now), won), cancellationToken);
            if (opportunity.Decision is Decision.Rejected rejected)
            {
                return Problems.From(rejected.Error);
            }

            (customer, region, salesRep) = (new(opportunity.Before!.CustomerId, opportunity.Before.Customer), opportunity.Before.Region, opportunity.Before.SalesRep);
        }

        if (!http.MayActIn(region))
        {
            return Problems.OutsideRegion($"The order", region);
        }

        if (customer is null)
        {
            (customer, var refusal) = await session.ResolveAsync(request.CustomerId, customerName, region!, occurredAt, now, cancellationToken);
            if (refusal is not null)
            {
                return Problems.From(refusal);
            }
        }

        var lines = request.Lines!.Select(line => new OrderLine(line!.Model!.Trim(), line.Quantity!.Value, line.UnitPrice!.Value)).ToList();
        var command = new PlaceOrder(
            id, fromOpportunity ? request.OpportunityId!.Trim() : null, customer!, region!, salesRep!, request.DeliverySite!.Trim(),
            lines, await session.RecordsOfAsync(lines.Select(line => line.Model), cancellationToken), occurredAt, now);
        return await session.StartAsync(
            OrdersModule.Orders, id, $"/api/orders/orders/{id}", http, current => OrderDecider.Decide(command, current), alreadyThere: null, cancellationToken);
    }
}
