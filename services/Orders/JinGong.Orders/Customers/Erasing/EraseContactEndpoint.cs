using JinGong.Contracts.Privacy;
using JinGong.Contracts.Orders;
using JinGong.Domain;
using JinGong.EventSourcing.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Customers.Erasing;

/// <summary>
/// A customer's contact erased on their request [删除个人信息] (PIPL art. 47): in every event of the customer that held
/// them, their name becomes their pseudonym and their phone and e-mail are gone; the customer's record is folded again
/// from what remains, kept answers that repeated them are forgotten, and the erasure is recorded (who, when, why, which
/// reference, how many events) without them. The customer's stream keeps every event and its version.
/// </summary>
public static class EraseContactEndpoint
{
    public static RouteGroupBuilder MapEraseContact(this RouteGroupBuilder customers)
    {
        customers.MapPost("/{id}/contacts/{contactId}/erasure", EraseAsync)
            .WithName("EraseCustomerContact")
            .WithSummary("Erase a contact's personal information on their request (administrators): a pseudonym in their place, the erasure recorded")
            .RequireRoles();
        return customers;
    }

    private static async Task<Results<Ok<ErasureView>, ValidationProblem, ProblemHttpResult>> EraseAsync(
        string id, string contactId, EraseSubjectRequest request, IDocumentSession session, Pseudonyms pseudonyms, IPublishEndpoint bus,
        TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = request.Check();
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (CustomerDecider.Unerasable(await session.Events.AggregateStreamAsync<Customer>(id, token: cancellationToken), id, contactId) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var (names, cleared) = await DetailsOfAsync(session, id, contactId, cancellationToken);
        var subject = ErasureSubject.Contact(contactId, pseudonyms.Of(contactId), names, cleared);
        var (reason, reference, now) = (request.Reason!.Trim(), request.Reference!.Trim(), clock.GetUtcNow());
        var decision = await session.EraseAsync(subject, reason, reference, now, cancellationToken);
        if (decision is Decision.Rejected already)
        {
            return Problems.From(already.Error);
        }

        // Told to the services that follow orders before orders' own erasure is saved: should the save fail, the request is
        // made again, and a service that erased them already changes nothing.
        await bus.Publish(
            new CustomerContactErased(contactId, names, cleared, reason, reference, context.User.Identity?.Name ?? "unknown", now),
            sent => sent.Headers.Set(JinGong.EventSourcing.Messaging.MessageHeaders.CorrelationId, context.GetCorrelationId()), cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ErasureView.From(((Decision.Accepted)decision).Events.Aggregate((Erasure?)null, Erasure.Evolve)!));
    }

    // Every name, phone and e-mail the contact was ever recorded with: the name becomes the pseudonym, the others nothing.
    private static async Task<(IReadOnlyList<string> Names, IReadOnlyList<string> Cleared)> DetailsOfAsync(
        IDocumentSession session, string customerId, string contactId, CancellationToken cancellationToken)
    {
        var details = (await session.Events.FetchStreamAsync(customerId, token: cancellationToken))
            .Select(stored => stored.Data switch { CustomerContactAdded added => added.Contact, CustomerContactChanged changed => changed.Contact, _ => null })
            .OfType<CustomerContact>()
            .Where(contact => contact.ContactId == contactId)
            .ToList();
        return ([.. details.Select(contact => contact.Name).Distinct(StringComparer.Ordinal)],
            [.. details.SelectMany(contact => new[] { contact.Phone, contact.Email }).OfType<string>().Distinct(StringComparer.Ordinal)]);
    }
}
