using JinGong.EventSourcing.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Contact = JinGong.Contracts.Orders;
using Published = JinGong.Contracts.Okr;

namespace JinGong.EventSourcing.Privacy;

/// <summary>
/// A person erased (<see cref="Published.PersonErased"/>, sent by OKR on an administrator's request), in this service:
/// their id and every name the roster recorded them under become their pseudonym wherever they stand
/// (<see cref="SubjectErasure"/>) — in the messages it parked on the broker too (<see cref="ParkedMessageErasure"/>) — and
/// the erasure is recorded. Once, however often it is delivered; a service that erased them already changes nothing.
/// </summary>
public sealed class PersonErasedConsumer(
    IDocumentSession session, ServiceIdentity service, TimeProvider clock, Pseudonyms pseudonyms, ParkedMessageErasure parked,
    ILogger<PersonErasedConsumer> logger)
    : IdempotentConsumer<Published.PersonErased>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Published.PersonErased message, IDocumentSession session, CancellationToken cancellationToken)
    {
        await ErasureFromTheBus.ApplyAsync(
            session, parked, ErasureSubject.Person(message.PersonId, pseudonyms.Of(message.PersonId), message.Names),
            message.RequestedBy, message.Reason, message.Reference, Clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>
/// A customer's contact erased in the registry (<see cref="Contact.CustomerContactErased"/>, sent by orders), in a service
/// that follows orders: every name, phone and e-mail address of theirs it holds (in free text, mostly) becomes their
/// pseudonym or nothing, in its stored data and the messages it parked, and the erasure is recorded. Once.
/// </summary>
public sealed class CustomerContactErasedConsumer(
    IDocumentSession session, ServiceIdentity service, TimeProvider clock, Pseudonyms pseudonyms, ParkedMessageErasure parked,
    ILogger<CustomerContactErasedConsumer> logger)
    : IdempotentConsumer<Contact.CustomerContactErased>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Contact.CustomerContactErased message, IDocumentSession session, CancellationToken cancellationToken)
    {
        await ErasureFromTheBus.ApplyAsync(
            session, parked, ErasureSubject.Contact(message.ContactId, pseudonyms.Of(message.ContactId), message.Names, message.Cleared),
            message.RequestedBy, message.Reason, message.Reference, Clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>What every erasure told on the bus does in a service, whoever the subject.</summary>
internal static class ErasureFromTheBus
{
    public static async Task ApplyAsync(
        IDocumentSession session, ParkedMessageErasure parked, ErasureSubject subject, string requestedBy, string reason, string reference,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The broker first: it is no part of the transaction, and a pass that fails is made again with the whole.
        await parked.EraseAsync(subject, cancellationToken);
        // Who asked, as the erasure's record tells it (its event's user).
        session.LastModifiedBy = requestedBy;
        await session.EraseAsync(subject, reason, reference, now, cancellationToken);
    }
}

public static class PersonErasureRegistration
{
    /// <summary>This service forgets the people OKR erases: its bus user must consume OKR's area.</summary>
    public static IBusRegistrationConfigurator ForgetErasedPeople(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PersonErasedConsumer>();
        return bus;
    }

    /// <summary>This service forgets the customers' contacts orders erases: its bus user must consume orders' area.</summary>
    public static IBusRegistrationConfigurator ForgetErasedContacts(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<CustomerContactErasedConsumer>();
        return bus;
    }
}
