using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Customers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Opportunities.Filing;

public sealed record OpportunityLineRequest(string? Model, int? Quantity);

/// <summary>
/// The form a regional manager fills in [表单填报]: its customer by <c>customerId</c> (the registry's), or by name as
/// clients before the registry did (registered with the opportunity when new). <c>occurredAt</c> defaults to now.
/// </summary>
public sealed record FileOpportunityRequest(
    string? Customer, string? Region, string? SalesRep, IReadOnlyList<OpportunityLineRequest>? Lines,
    decimal? ExpectedAmount, DateOnly? ExpectedCloseDate, DateTimeOffset? OccurredAt, string? CustomerId = null);

public static class FileOpportunityEndpoint
{
    public const int MaxUnits = 10_000;

    public static RouteGroupBuilder MapFileOpportunity(this RouteGroupBuilder opportunities)
    {
        opportunities.MapPost("/", FileAsync)
            .WithName("FileOpportunity")
            .WithSummary("File an opportunity [商机] from the form; it starts as a lead")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);
        return opportunities;
    }

    private static async Task<Results<Created<OpportunityView>, ValidationProblem, ProblemHttpResult>> FileAsync(
        FileOpportunityRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Customer(request.CustomerId, request.Customer)
            .Required("region", request.Region)
            .Required("salesRep", request.SalesRep)
            .Money("expectedAmount", request.ExpectedAmount)
            .Required("expectedCloseDate", request.ExpectedCloseDate)
            .Lines(request.Lines, (line, index, lineErrors) => lineErrors.Count($"lines[{index}].quantity", line.Quantity, MaxUnits), line => line.Model);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (!http.MayActIn(request.Region))
        {
            return Problems.OutsideRegion($"The opportunity", request.Region);
        }

        // A rep files in their own name; a regional manager files for the reps of their region.
        if (!http.MayActFor(request.SalesRep))
        {
            return Problems.From(Problems.NotYoursError($"The opportunity"));
        }

        var lines = request.Lines!.Select(line => new OpportunityLine(line.Model!.Trim(), line.Quantity!.Value)).ToList();
        var catalogue = await session.RecordsOfAsync(lines.Select(line => line.Model), cancellationToken);
        var now = clock.GetUtcNow();
        var occurredAt = (request.OccurredAt ?? now).ToUniversalTime();
        return await session.UnderNewIdAsync<Results<Created<OpportunityView>, ValidationProblem, ProblemHttpResult>>(http, "OPP", async (attempt, id) =>
        {
            var (customer, refusal) = await attempt.ResolveAsync(request.CustomerId, request.Customer, request.Region!.Trim(), occurredAt, now, cancellationToken);
            if (refusal is not null)
            {
                return Problems.From(refusal);
            }

            var command = new FileOpportunity(
                id, customer!, request.Region!.Trim(), request.SalesRep!.Trim(), lines, catalogue,
                request.ExpectedAmount!.Value, request.ExpectedCloseDate!.Value, occurredAt, now);
            return await attempt.StartAsync(
                OpportunitiesModule.Opportunities, id, $"/api/orders/opportunities/{id}", http,
                current => OpportunityDecider.Decide(command, current), alreadyThere: null, cancellationToken);
        });
    }
}
