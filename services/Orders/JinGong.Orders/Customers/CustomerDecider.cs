using JinGong.Contracts.Orders;
using JinGong.Domain;

namespace JinGong.Orders.Customers;

/// <summary>What someone asks of a customer's record, with its business time and the clock's reading.</summary>
public abstract record CustomerCommand(string CustomerId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>A contact's details as given: the decider numbers a new one.</summary>
public sealed record ContactDetails(string Name, string? Phone, string? Email, string? Role);

/// <summary>
/// Register a customer under <paramref name="Name"/> (its id derived from it), with its first contacts.
/// <paramref name="NameTakenBy"/>: another customer that was renamed to this name, if any.
/// <paramref name="FromHistory"/>: an event older than the registry named it.
/// </summary>
public sealed record RegisterCustomer(
    string CustomerId, string Name, string Region, IReadOnlyList<ContactDetails> Contacts, string? NameTakenBy, DateTimeOffset OccurredAt, DateTimeOffset Now,
    bool FromHistory = false)
    : CustomerCommand(CustomerId, OccurredAt, Now);

/// <summary>Correct the name or region; <paramref name="NameTakenBy"/>: the other customer whose name (as compared) it would take, if any.</summary>
public sealed record ChangeCustomerDetails(string CustomerId, string Name, string Region, string? NameTakenBy, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : CustomerCommand(CustomerId, OccurredAt, Now);

public sealed record AddContact(string CustomerId, ContactDetails Contact, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : CustomerCommand(CustomerId, OccurredAt, Now);

public sealed record ChangeContact(string CustomerId, string ContactId, ContactDetails Contact, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : CustomerCommand(CustomerId, OccurredAt, Now);

public sealed record RemoveContact(string CustomerId, string ContactId, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : CustomerCommand(CustomerId, OccurredAt, Now);

/// <summary>
/// Every rule of a customer's record: one record per name, a name no other customer has, contacts numbered for good,
/// at most <see cref="MaxContacts"/> at once; what changes nothing is no event.
/// </summary>
public static class CustomerDecider
{
    public const int MaxContacts = 50;

    public static Decision Decide(CustomerCommand command, Customer? state)
    {
        if (command is RegisterCustomer register)
        {
            return state is not null ? Decision.Reject(AlreadyRegistered(state))
                : register.NameTakenBy is { } other ? Decision.Reject(NameTaken(other, register.Name))
                : register.OccurredAt > register.Now ? Decision.Reject(BusinessTime.OccurredInFuture(register.OccurredAt, register.Now))
                : register.Contacts.Count > MaxContacts ? Decision.Reject(TooManyContacts(register.CustomerId))
                : Decision.Accept([
                    new CustomerRegistered(register.CustomerId, register.Name, register.Region, register.OccurredAt, register.FromHistory),
                    .. register.Contacts.Select((contact, index) => new CustomerContactAdded(
                        register.CustomerId, Numbered(register.CustomerId, index + 1, contact), register.OccurredAt)),
                ]);
        }

        if (state is null)
        {
            return Decision.Reject(NotFound(command.CustomerId));
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"customer {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        return command switch
        {
            ChangeCustomerDetails change when change.NameTakenBy is { } other && other != state.Id => Decision.Reject(NameTaken(other, change.Name)),
            ChangeCustomerDetails change when change.Name == state.Name && change.Region == state.Region => Decision.Accept(),
            ChangeCustomerDetails change => Decision.Accept(new CustomerDetailsChanged(state.Id, change.Name, change.Region, change.OccurredAt)),
            AddContact _ when state.Contacts.Count >= MaxContacts => Decision.Reject(TooManyContacts(state.Id)),
            AddContact add => Decision.Accept(new CustomerContactAdded(state.Id, Numbered(state.Id, state.ContactsAdded + 1, add.Contact), add.OccurredAt)),
            ChangeContact change => state.Contacts.FirstOrDefault(contact => contact.ContactId == change.ContactId) switch
            {
                null => Decision.Reject(UnknownContact(state.Id, change.ContactId)),
                var known when known == Numbered(change.ContactId, change.Contact) => Decision.Accept(),
                _ => Decision.Accept(new CustomerContactChanged(state.Id, Numbered(change.ContactId, change.Contact), change.OccurredAt)),
            },
            RemoveContact remove when state.Contacts.All(contact => contact.ContactId != remove.ContactId) => Decision.Reject(UnknownContact(state.Id, remove.ContactId)),
            RemoveContact remove => Decision.Accept(new CustomerContactRemoved(state.Id, remove.ContactId, remove.OccurredAt)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a customer."),
        };
    }

    public static DomainError NotFound(string id) => new("customer-not-found", $"There is no customer {id}.", ErrorKind.NotFound);

    /// <summary>Why <paramref name="contactId"/> cannot be erased from customer <paramref name="customerId"/>, or null: any contact it ever had can, removed or not.</summary>
    public static DomainError? Unerasable(Customer? state, string customerId, string contactId) =>
        state is null ? NotFound(customerId)
        : Enumerable.Range(1, state.ContactsAdded).Any(number => CustomerIds.ContactOf(state.Id, number) == contactId) ? null
        : UnknownContact(customerId, contactId);

    public static DomainError AlreadyRegistered(Customer customer) =>
        new("customer-already-registered", $"The customer is registered already, as {customer.Id} ({customer.Name}).", ErrorKind.Conflict);

    private static DomainError NameTaken(string other, string name) =>
        new("customer-name-taken", $"Customer {other} is named {name} already; two customers never share a name.", ErrorKind.Conflict);

    private static DomainError TooManyContacts(string id) =>
        new("too-many-contacts", $"Customer {id} has at most {MaxContacts} contacts at once; remove one first.", ErrorKind.Unprocessable);

    private static DomainError UnknownContact(string id, string contactId) =>
        new("unknown-contact", $"Customer {id} has no contact {contactId}.", ErrorKind.NotFound);

    private static CustomerContact Numbered(string customerId, int number, ContactDetails details) => Numbered(CustomerIds.ContactOf(customerId, number), details);

    private static CustomerContact Numbered(string contactId, ContactDetails details) => new(contactId, details.Name, details.Phone, details.Email, details.Role);
}
