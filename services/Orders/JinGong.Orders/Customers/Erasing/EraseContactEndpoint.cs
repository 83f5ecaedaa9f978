using JinGong.Domain;
using JinGong.EventSourcing.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Customers.Erasing;

/// <summary>An erasure asked for: why, and the request's own reference (the letter's or ticket's number).</summary>
public sealed record EraseSubjectRequest(string? Reason, string? Reference);

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
        var errors = new FieldErrors().Required("reason", request.Reason).Required("reference", request.Reference);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (CustomerDecider.Unerasable(await session.Events.AggregateStreamAsync<Customer>(id, token: cancellationToken), id, contactId) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var pseudonym = pseudonyms.Of(contactId);
        var erased = await session.LoadAsync<Erasure>(Erasure.StreamOf(pseudonym), cancellationToken);
        var command = new EraseSubject(pseudonym, SubjectKinds.CustomerContact, request.Reason!.Trim(), request.Reference!.Trim(), 0, clock.GetUtcNow());
        if (ErasureDecider.Decide(command, erased) is Decision.Rejected already)
        {
            return Problems.From(already.Error);
        }

        var values = new List<string>();
        var masked = await session.MaskStreamAsync(id, (type, data) =>
        {
            values.AddRange(ContactMasking.ValuesOf(type, data, contactId));
            return ContactMasking.Mask(type, data, contactId, command.Pseudonym);
        }, cancellationToken);
        await session.RefoldAsync<Customer>(id, cancellationToken);
        await session.ForgetAnswersMentioningAsync(values, cancellationToken);
        var recorded = (Decision.Accepted)ErasureDecider.Decide(command with { EventsMasked = masked.Count }, erased);
        session.Events.StartStream<Erasure>(Erasure.StreamOf(pseudonym), recorded.Events);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ErasureView.From(recorded.Events.Aggregate((Erasure?)null, Erasure.Evolve)!));
    }
}
