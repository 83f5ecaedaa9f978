using JasperFx;
using JasperFx.Core;
using JasperFx.Events.Projections;
using JinGong.Contracts.Privacy;
using JinGong.Domain;
using Marten;

namespace JinGong.EventSourcing.Privacy;

/// <summary>An event of an erasure's record. OccurredAt is business time (UTC).</summary>
public interface IErasureEvent
{
    string Pseudonym { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// A subject's personal fields in this service were replaced by <paramref name="Pseudonym"/>, on a request: who asked is
/// the event's user, <paramref name="Reason"/> and <paramref name="Reference"/> (the request's own number) say why. It
/// holds nothing of what was erased, not even the subject's id (a person's id is made from their name): the record is
/// found by the pseudonym, which only the key makes from the id. <paramref name="EventsMasked"/> says how many stored
/// events held something of them.
/// </summary>
/// <param name="Kind">What the subject is: a word of <see cref="SubjectKinds"/>.</param>
public sealed record SubjectErased(
    string Pseudonym, string Kind, string Reason, string Reference, int EventsMasked, DateTimeOffset OccurredAt) : IErasureEvent;

/// <summary>The erasure of one subject in this service, as its record tells it; its stream is <see cref="StreamOf"/>.</summary>
public sealed record Erasure(
    [property: Identity] string Id, string Pseudonym, string Kind, string Reason, string Reference, int EventsMasked, DateTimeOffset ErasedAt)
    : IEvolving<Erasure>
{
    /// <summary>An erasure's stream, under the subject's pseudonym: ':' is in no business id, so it is no other stream's.</summary>
    public static string StreamOf(string pseudonym) => $"erasure:{pseudonym}";

    [JasperFxIgnore]
    public static Erasure? Evolve(Erasure? state, object @event) => (state, @event) switch
    {
        (_, SubjectErased erased) => new(
            StreamOf(erased.Pseudonym), erased.Pseudonym, erased.Kind, erased.Reason, erased.Reference, erased.EventsMasked, erased.OccurredAt),
        _ => throw new UnknownEventException(typeof(Erasure), @event),
    };
}

/// <summary>An erasure asked for: why, and the request's own reference (the letter's or ticket's number).</summary>
public sealed record EraseSubjectRequest(string? Reason, string? Reference)
{
    /// <summary>Both are required: an erasure with no reason or reference could not be accounted for.</summary>
    public JinGong.Http.FieldErrors Check() => new JinGong.Http.FieldErrors().Required("reason", Reason).Required("reference", Reference);
}

/// <summary>Erase a subject: what the request says, and what the service found and masked.</summary>
public sealed record EraseSubject(string Pseudonym, string Kind, string Reason, string Reference, int EventsMasked, DateTimeOffset OccurredAt);

/// <summary>A subject is erased once in a service; asking again changes nothing and says when it was.</summary>
public static class ErasureDecider
{
    public static Decision Decide(EraseSubject command, Erasure? state) =>
        state is not null
            ? Decision.Reject(new("subject-already-erased", $"{command.Pseudonym} was erased on {state.ErasedAt:O} (reference {state.Reference}).", ErrorKind.Conflict))
            : Decision.Accept(new SubjectErased(command.Pseudonym, command.Kind, command.Reason, command.Reference, command.EventsMasked, command.OccurredAt));
}

/// <summary>An erasure as clients read it.</summary>
public sealed record ErasureView(string Pseudonym, string Kind, string Reason, string Reference, int EventsMasked, DateTimeOffset ErasedAt)
{
    public static ErasureView From(Erasure erasure) =>
        new(erasure.Pseudonym, erasure.Kind, erasure.Reason, erasure.Reference, erasure.EventsMasked, erasure.ErasedAt);
}

public static class ErasureStore
{
    /// <summary>Every service keeps a record of what it erased, inline: the next request reads it at once.</summary>
    public static void ConfigureErasures(this StoreOptions options)
    {
        options.Projections.Add(new EvolvingProjection<Erasure>(typeof(SubjectErased)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<SubjectErased>("subject_erased_v1");
    }
}
