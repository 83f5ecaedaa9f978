using JinGong.Contracts.Privacy;
using JinGong.Domain;
using JinGong.EventSourcing.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
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
        string id, string contactId, EraseSubjectRequest request, IDocumentSession session, Pseudonyms pseudonyms, TimeProvider clock,
        CancellationToken cancellationToken)
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

        var subject = await ContactAsync(session, id, contactId, pseudonyms.Of(contactId), cancellationToken);
        var decision = await session.EraseAsync(subject, request.Reason!.Trim(), request.Reference!.Trim(), clock.GetUtcNow(), cancellationToken);
        if (decision is Decision.Rejected already)
        {
            return Problems.From(already.Error);
        }

        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ErasureView.From(((Decision.Accepted)decision).Events.Aggregate((Erasure?)null, Erasure.Evolve)!));
    }

    // Every name, phone and e-mail the contact was ever recorded with: the name becomes the pseudonym, the others nothing.
    private static async Task<ErasureSubject> ContactAsync(IDocumentSession session, string customerId, string contactId, string pseudonym, CancellationToken cancellationToken)
    {
        var details = (await session.Events.FetchStreamAsync(customerId, token: cancellationToken))
            .Select(stored => stored.Data switch { CustomerContactAdded added => added.Contact, CustomerContactChanged changed => changed.Contact, _ => null })
            .OfType<CustomerContact>()
            .Where(contact => contact.ContactId == contactId)
            .ToList();
        return ErasureSubject.Contact(
            contactId, pseudonym, details.Select(contact => contact.Name), details.SelectMany(contact => new[] { contact.Phone, contact.Email }).OfType<string>());
    }
}
