using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Okr.Roster;

/// <summary>An event of a person's time on the roster. OccurredAt is business time (UTC).</summary>
public interface IPersonEvent
{
    string PersonId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Someone joined the roster (or joined again after leaving).</summary>
public sealed record PersonJoined(string PersonId, string Name, string Team, string Region, string? Manager, DateTimeOffset OccurredAt) : IPersonEvent;

/// <summary>Someone moved team, region or manager (or their name was corrected).</summary>
public sealed record PersonMoved(string PersonId, string Name, string Team, string Region, string? Manager, DateTimeOffset OccurredAt) : IPersonEvent;

public sealed record PersonLeft(string PersonId, DateTimeOffset OccurredAt) : IPersonEvent;

/// <summary>A team a person belonged to, from a moment on (until the next one).</summary>
public sealed record Membership(string Team, string Region, DateTimeOffset From);

/// <summary>A person on the roster, as their events tell it; <see cref="Memberships"/> keeps every team they were in.</summary>
public sealed record Person(
    [property: Identity] string Id,
    string Name,
    string Team,
    string Region,
    string? Manager,
    bool OnRoster,
    DateTimeOffset LastOccurredAt,
    IReadOnlyList<Membership> Memberships) : IEvolving<Person>
{
    /// <summary>The state after one more event (from nothing for joining; joining again puts them back on the roster).</summary>
    [JasperFxIgnore]
    public static Person? Evolve(Person? state, object @event) => (state, @event) switch
    {
        (null, PersonJoined joined) =>
            new(joined.PersonId, joined.Name, joined.Team, joined.Region, joined.Manager, true, joined.OccurredAt,
                [new Membership(joined.Team, joined.Region, joined.OccurredAt)]),
        (null, IPersonEvent) => null,
        (_, PersonJoined joined) => state.Move(joined.Name, joined.Team, joined.Region, joined.Manager, joined.OccurredAt) with { OnRoster = true },
        (_, PersonMoved moved) => state.Move(moved.Name, moved.Team, moved.Region, moved.Manager, moved.OccurredAt),
        (_, PersonLeft left) => state with { OnRoster = false, LastOccurredAt = left.OccurredAt },
        _ => throw new UnknownEventException(typeof(Person), @event),
    };

    /// <summary>
    /// The team the person was in at <paramref name="moment"/>; before they joined, the team they joined (a roster
    /// imported today still attributes this quarter's earlier sales).
    /// </summary>
    public string TeamAt(DateTimeOffset moment) => Memberships.LastOrDefault(membership => membership.From <= moment)?.Team ?? Memberships[0].Team;

    private Person Move(string name, string team, string region, string? manager, DateTimeOffset occurredAt) =>
        this with
        {
            Name = name,
            Team = team,
            Region = region,
            Manager = manager,
            LastOccurredAt = occurredAt,
            Memberships = team == Team && region == Region ? Memberships : [.. Memberships, new Membership(team, region, occurredAt)],
        };
}

/// <summary>A person as clients read them, with the stream version it was read at.</summary>
public sealed record PersonView(string Id, string Name, string Team, string Region, string? Manager, bool OnRoster, IReadOnlyList<Membership> Memberships, long Version)
{
    public static PersonView From(Person person, long version) =>
        new(person.Id, person.Name, person.Team, person.Region, person.Manager, person.OnRoster, person.Memberships, version);
}
