using JinGong.Contracts.Orders;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Customers.Registering;

/// <summary>A customer to register: its name, its region and the people to deal with there. <c>occurredAt</c> defaults to now.</summary>
public sealed record RegisterCustomerRequest(string? Name, string? Region, IReadOnlyList<ContactRequest>? Contacts, DateTimeOffset? OccurredAt);

public static class RegisterCustomerEndpoint
{
    public static RouteGroupBuilder MapRegisterCustomer(this RouteGroupBuilder customers)
    {
        customers.MapPost("/", RegisterAsync)
            .WithName("RegisterCustomer")
            .WithSummary("Register a customer [客户] under its name (which gives its id), in a region, with its contacts")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);
        return customers;
    }

    private static async Task<Results<Created<CustomerView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterCustomerRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Required("name", request.Name)
            .Required("region", request.Region)
            .Check("contacts", request.Contacts is null || request.Contacts.All(contact => contact is not null), $"A contact is an object with at least a name.");
        foreach (var (contact, index) in (request.Contacts ?? []).Select((contact, index) => (contact, index)).Where(pair => pair.contact is not null))
        {
            contact.Validate(errors, $"contacts[{index}].");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var (name, region) = (request.Name!.Trim(), request.Region!.Trim());
        if (!http.MayActIn(region))
        {
            return Problems.OutsideRegion($"The customer", region);
        }

        var id = CustomerIds.ForName(name);
        var named = await session.NamedAsync(name, cancellationToken);
        var now = clock.GetUtcNow();
        var command = new RegisterCustomer(
            id, name, region, [.. (request.Contacts ?? []).Select(contact => contact.Details())], named?.Id is { } other && other != id ? other : null,
            (request.OccurredAt ?? now).ToUniversalTime(), now);
        return await session.StartAsync(
            CustomersModule.Customers, id, $"/api/orders/customers/{id}", http, current => CustomerDecider.Decide(command, current),
            alreadyThere: new("customer-already-registered", $"Customer {id} was registered while this request was answered.", ErrorKind.Conflict), cancellationToken);
    }
}
