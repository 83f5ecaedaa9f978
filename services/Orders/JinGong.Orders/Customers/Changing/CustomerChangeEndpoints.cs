using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Customers.Changing;

public sealed record ChangeCustomerDetailsRequest(string? Name, string? Region, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A contact's details, to add or to replace a contact's with.</summary>
public sealed record CustomerContactRequest(string? Name, string? Phone, string? Email, string? Role, DateTimeOffset? OccurredAt) : ICommandRequest
{
    public ContactRequest ToContact() => new(Name, Phone, Email, Role);
}

public sealed record RemoveContactRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A customer's name and region corrected; its contacts added, changed and removed.</summary>
public static class CustomerChangeEndpoints
{
    public static RouteGroupBuilder MapCustomerChanges(this RouteGroupBuilder customers)
    {
        customers.MapPost("/{id}/details", ChangeDetailsAsync)
            .WithName("ChangeCustomerDetails")
            .WithSummary("Correct a customer's name or region; its id stays")
            .HonoursIfMatch()
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);

        customers.MapStreamCommand<CustomerContactRequest, Customer, CustomerView>(
            "/{id}/contacts", "AddCustomerContact", CustomersModule.Customers,
            request => request.ToContact().Validate(new FieldErrors()),
            (id, request, occurredAt, now) => state => CustomerDecider.Decide(new AddContact(id, request.ToContact().Details(), occurredAt, now), state))
            .WithSummary("Add a person the company deals with at the customer; the contact is numbered for good")
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);

        customers.MapPost("/{id}/contacts/{contactId}", ChangeContactAsync)
            .WithName("ChangeCustomerContact")
            .WithSummary("Replace a contact's details (a field left out is cleared)")
            .HonoursIfMatch()
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);

        customers.MapPost("/{id}/contacts/{contactId}/removal", RemoveContactAsync)
            .WithName("RemoveCustomerContact")
            .WithSummary("The customer no longer deals with the company through this person")
            .HonoursIfMatch()
            .RequireRoles(Roles.SalesRep, Roles.RegionalManager);
        return customers;
    }

    private static async Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> ChangeDetailsAsync(
        string id, ChangeCustomerDetailsRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("name", request.Name).Required("region", request.Region);
        if (!errors.Any && !http.MayActIn(request.Region!.Trim()))
        {
            return Problems.OutsideRegion($"The customer", request.Region.Trim());
        }

        return await session.DecideAsync(
            CustomersModule.Customers, id, errors, http,
            async (_, cancellation) => (await session.NamedAsync(request.Name!.Trim(), cancellation))?.Id,
            (state, namedSo) => CustomerDecider.Decide(
                new ChangeCustomerDetails(id, request.Name!.Trim(), request.Region!.Trim(), namedSo, OccurredAt(request.OccurredAt, clock, out var now), now), state),
            cancellationToken);
    }

    private static Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> ChangeContactAsync(
        string id, string contactId, CustomerContactRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        session.DecideAsync(CustomersModule.Customers, id, request.ToContact().Validate(new FieldErrors()), http, state => CustomerDecider.Decide(
            new ChangeContact(id, contactId, request.ToContact().Details(), OccurredAt(request.OccurredAt, clock, out var now), now), state), cancellationToken);

    private static Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> RemoveContactAsync(
        string id, string contactId, RemoveContactRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        session.DecideAsync(CustomersModule.Customers, id, new FieldErrors(), http, state => CustomerDecider.Decide(
            new RemoveContact(id, contactId, OccurredAt(request.OccurredAt, clock, out var now), now), state), cancellationToken);

    // The clock is read once the stream is loaded, as for every command (CommandEndpoints).
    private static DateTimeOffset OccurredAt(DateTimeOffset? given, TimeProvider clock, out DateTimeOffset now)
    {
        now = clock.GetUtcNow();
        return (given ?? now).ToUniversalTime();
    }
}
