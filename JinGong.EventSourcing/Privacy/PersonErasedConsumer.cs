using JinGong.EventSourcing.Messaging;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Published = JinGong.Contracts.Okr;

namespace JinGong.EventSourcing.Privacy;

/// <summary>
/// The names a service's own copy of the roster knows a person by (the knowledge base's members, OKR's people): erased
/// with their id. A service that keeps only ids registers none.
/// </summary>
public interface IPersonNames
{
    Task<IReadOnlyList<string>> NamesOfAsync(IQuerySession session, string personId, CancellationToken cancellationToken);
}

/// <summary>
/// A person erased (<see cref="Published.PersonErased"/>, sent by OKR on an administrator's request), in this service:
/// their id and the names it knows them by become their pseudonym wherever they stand (<see cref="SubjectErasure"/>), and
/// the erasure is recorded. Once, however often it is delivered; a service that erased them already changes nothing.
/// </summary>
public sealed class PersonErasedConsumer(
    IDocumentSession session, ServiceIdentity service, TimeProvider clock, Pseudonyms pseudonyms, IEnumerable<IPersonNames> names,
    ILogger<PersonErasedConsumer> logger)
    : IdempotentConsumer<Published.PersonErased>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Published.PersonErased message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var known = new List<string>();
        foreach (var source in names)
        {
            known.AddRange(await source.NamesOfAsync(session, message.PersonId, cancellationToken));
        }

        // Who asked, as the erasure's record tells it (its event's user).
        session.LastModifiedBy = message.RequestedBy;
        await session.EraseAsync(
            ErasureSubject.Person(message.PersonId, pseudonyms.Of(message.PersonId), known), message.Reason, message.Reference, Clock.GetUtcNow(), cancellationToken);
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

    /// <summary>As <see cref="ForgetErasedPeople(IBusRegistrationConfigurator)"/>, with the names this service knows people by.</summary>
    public static IBusRegistrationConfigurator ForgetErasedPeople<TNames>(this IBusRegistrationConfigurator bus)
        where TNames : class, IPersonNames
    {
        bus.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonNames, TNames>());
        return bus.ForgetErasedPeople();
    }
}
