using JasperFx;
using JasperFx.Core;
using JinGong.Contracts.Orders;
using JinGong.Domain;

namespace JinGong.Orders.Customers;

/// <summary>An event of a customer's record. OccurredAt is business time (UTC).</summary>
public interface ICustomerEvent
{
    string CustomerId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>A person at the customer the company deals with [联系人]: personal information, held here and nowhere else.</summary>
/// <param name="ContactId">The customer's id and the contact's number with it (<c>CUS-…-C2</c>): never reused.</param>
public sealed record CustomerContact(string ContactId, string Name, string? Phone, string? Email, string? Role);

// The events of a customer's record [客户档案], in the domain's words.

/// <summary>
/// The customer was registered under its name, in a region. <paramref name="FromHistory"/>: registered because events
/// older than the registry named it (an opportunity or order filed with its name alone), not by someone.
/// </summary>
public sealed record CustomerRegistered(string CustomerId, string Name, string Region, DateTimeOffset OccurredAt, bool FromHistory = false) : ICustomerEvent;

/// <summary>The customer's name or region was corrected; its id stays.</summary>
public sealed record CustomerDetailsChanged(string CustomerId, string Name, string Region, DateTimeOffset OccurredAt) : ICustomerEvent;

public sealed record CustomerContactAdded(string CustomerId, CustomerContact Contact, DateTimeOffset OccurredAt) : ICustomerEvent;

/// <summary>A contact's details as they are now (all of them: a field left out is cleared).</summary>
public sealed record CustomerContactChanged(string CustomerId, CustomerContact Contact, DateTimeOffset OccurredAt) : ICustomerEvent;

/// <summary>The customer no longer deals with the company through this person.</summary>
public sealed record CustomerContactRemoved(string CustomerId, string ContactId, DateTimeOffset OccurredAt) : ICustomerEvent;

/// <summary>A customer [客户] as its events tell it: who it is, where, and the people the company deals with there.</summary>
public sealed record Customer(
    [property: Identity] string Id,
    string Name,
    string Region,
    IReadOnlyList<CustomerContact> Contacts,
    int ContactsAdded,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Customer>
{
    /// <summary>The name as it is compared (<see cref="CustomerIds.KeyOf"/>): what finds a customer by a name typed another way.</summary>
    public string NameKey => CustomerIds.KeyOf(Name);

    /// <summary>The id the next contact gets.</summary>
    public string NextContactId => CustomerIds.ContactOf(Id, ContactsAdded + 1);

    /// <summary>The state after one more event (from nothing for the registration).</summary>
    [JasperFxIgnore]
    public static Customer? Evolve(Customer? state, object @event) => (state, @event) switch
    {
        (_, CustomerRegistered registered) => new(registered.CustomerId, registered.Name, registered.Region, [], 0, registered.OccurredAt, registered.OccurredAt),
        (null, ICustomerEvent) => null,
        (_, CustomerDetailsChanged changed) => state with { Name = changed.Name, Region = changed.Region, LastOccurredAt = changed.OccurredAt },
        (_, CustomerContactAdded added) =>
            state with { Contacts = [.. state.Contacts, added.Contact], ContactsAdded = state.ContactsAdded + 1, LastOccurredAt = added.OccurredAt },
        (_, CustomerContactChanged changed) => state with
        {
            Contacts = [.. state.Contacts.Select(contact => contact.ContactId == changed.Contact.ContactId ? changed.Contact : contact)],
            LastOccurredAt = changed.OccurredAt,
        },
        (_, CustomerContactRemoved removed) =>
            state with { Contacts = [.. state.Contacts.Where(contact => contact.ContactId != removed.ContactId)], LastOccurredAt = removed.OccurredAt },
        _ => throw new UnknownEventException(typeof(Customer), @event),
    };
}

/// <summary>A customer as clients read it, with the stream version it was read at.</summary>
public sealed record CustomerView(string Id, string Name, string Region, IReadOnlyList<CustomerContact> Contacts, DateTimeOffset RegisteredAt, long Version)
{
    public static CustomerView From(Customer customer, long version) =>
        new(customer.Id, customer.Name, customer.Region, customer.Contacts, customer.RegisteredAt, version);
}
