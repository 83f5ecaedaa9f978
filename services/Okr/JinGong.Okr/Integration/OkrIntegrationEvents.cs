using JasperFx.Events;
using JinGong.Domain.Time;
using JinGong.EventSourcing.Messaging;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Roster;
using Published = JinGong.Contracts.Okr;

namespace JinGong.Okr.Integration;

/// <summary>
/// What OKR tells the other services: a key result moved (checked in, moved by business events, or scored), with where
/// it stands; and who is on the roster, where (the identity provider keeps their accounts by it).
/// </summary>
public sealed class OkrIntegrationEvents(IServiceProvider services) : StreamIntegrationEvents(services)
{
    public override async ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken) => @event.Data switch
    {
        KeyResultCheckedIn or KeyResultProgressed or KeyResultScored when await StateBeforeAsync<KeyResult>(@event, cancellationToken) is { } before
            && KeyResult.Evolve(before, @event.Data) is { } after =>
            [new Published.KeyResultProgressed(
                after.Id, after.ObjectiveId, after.Title, after.Period, after.Unit, after.Start, after.Target, after.Value, after.Progress, after.Score, after.Frozen,
                ((IKeyResultEvent)@event.Data).OccurredAt)],
        PersonJoined joined => [new Published.PersonJoinedRoster(joined.PersonId, joined.Name, joined.Team, joined.Region, joined.Manager, joined.OccurredAt)],
        PersonMoved moved => [new Published.PersonMovedOnRoster(moved.PersonId, moved.Name, moved.Team, moved.Region, moved.Manager, moved.OccurredAt)],
        PersonLeft left => [new Published.PersonLeftRoster(left.PersonId, left.OccurredAt)],
        _ => [],
    };
}
