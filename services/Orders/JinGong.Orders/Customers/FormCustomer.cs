using JinGong.Contracts.Orders;
using JinGong.Domain;
using JinGong.Http;
using Marten;

namespace JinGong.Orders.Customers;

/// <summary>The customer an opportunity or order is for: its id, and its name as it is now.</summary>
public sealed record CustomerOfRecord(string Id, string Name);

/// <summary>
/// The customer a form names, by id (one registered, in any region: a customer buys where it is sold to) or, as clients
/// before the registry did, by name: the customer now so named, else the one registered under that name, else a new one registered in the
/// caller's session, so that it is stored with the opportunity or order or not at all. Two forms registering the same
/// new name at once collide on its stream; the one that loses starts again, and finds it.
/// </summary>
public static class FormCustomer
{
    public static async Task<(CustomerOfRecord? Customer, DomainError? Refusal)> ResolveAsync(
        this IDocumentSession session, string? customerId, string? name, string region, DateTimeOffset occurredAt, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var given = FieldErrors.Trimmed(customerId);
        var customer = given is not null
            ? await session.LoadAsync<Customer>(given, cancellationToken)
            : await session.NamedAsync(name!, cancellationToken) ?? await session.LoadAsync<Customer>(CustomerIds.ForName(name!), cancellationToken);
        if (customer is not null)
        {
            // A customer buys in any region: its own is where its record (and its contacts) belong, not where it may be sold to.
            return (new(customer.Id, customer.Name), null);
        }

        if (given is not null)
        {
            return (null, new("unknown-customer", $"There is no customer {given}; register it first, or name it.", ErrorKind.Unprocessable));
        }

        var id = CustomerIds.ForName(name!);
        switch (CustomerDecider.Decide(new RegisterCustomer(id, name!.Trim(), region, [], null, occurredAt, now), null))
        {
            case Decision.Accepted registered:
                session.Events.StartStream<Customer>(id, registered.Events);
                return (new(id, name.Trim()), null);
            case Decision.Rejected rejected:
                return (null, rejected.Error);
            default:
                throw new InvalidOperationException("A decision is accepted or rejected.");
        }
    }
}

/// <summary>How a form names its customer.</summary>
public static class CustomerFields
{
    /// <summary>A customer named by <c>customerId</c> or else by <c>customer</c> (its name, then ignored beside an id).</summary>
    public static FieldErrors Customer(this FieldErrors errors, string? customerId, string? name) =>
        FieldErrors.Trimmed(customerId) is null ? errors.Required("customer", name) : errors.Id("customerId", customerId);
}
