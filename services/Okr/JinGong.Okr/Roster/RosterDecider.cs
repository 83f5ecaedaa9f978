using JinGong.Domain;

namespace JinGong.Okr.Roster;

/// <summary>One line of a roster import: who, in which team and region, under whom.</summary>
public sealed record RosterEntry(string Id, string Name, string Team, string Region, string? Manager);

/// <summary>Every rule of the roster: who joins, moves and leaves when a roster is imported, and who may leave.</summary>
public static class RosterDecider
{
    /// <summary>
    /// The people <paramref name="entries"/> names join (or join again), move when their team, region, manager or name
    /// differs, and stay as they are otherwise; when the import is <paramref name="complete"/> (the whole roster), whoever
    /// is on the roster and not in it has left. The events are each person's own: one at most per person.
    /// </summary>
    /// <param name="onFile">Everyone the import may touch: the people it names that are on file, and, for a complete import, everyone on the roster.</param>
    public static Decision Import(
        IReadOnlyList<RosterEntry> entries, IReadOnlyDictionary<string, Person> onFile, bool complete, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (occurredAt > now)
        {
            return Decision.Reject(BusinessTime.OccurredInFuture(occurredAt, now));
        }

        var changes = new List<object>();
        foreach (var entry in entries)
        {
            var person = onFile.GetValueOrDefault(entry.Id);
            object? change = person switch
            {
                null or { OnRoster: false } => new PersonJoined(entry.Id, entry.Name, entry.Team, entry.Region, entry.Manager, occurredAt),
                _ when person.Name != entry.Name || person.Team != entry.Team || person.Region != entry.Region || person.Manager != entry.Manager =>
                    new PersonMoved(entry.Id, entry.Name, entry.Team, entry.Region, entry.Manager, occurredAt),
                _ => null,
            };
            if (change is null)
            {
                continue;
            }

            if (BusinessTime.Check(occurredAt, now, person?.LastOccurredAt, $"person {entry.Id}") is { } timeError)
            {
                return Decision.Reject(timeError);
            }

            changes.Add(change);
        }

        if (complete)
        {
            var named = entries.Select(entry => entry.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var person in onFile.Values.Where(person => person.OnRoster && !named.Contains(person.Id)))
            {
                if (BusinessTime.Check(occurredAt, now, person.LastOccurredAt, $"person {person.Id}") is { } timeError)
                {
                    return Decision.Reject(timeError);
                }

                changes.Add(new PersonLeft(person.Id, occurredAt));
            }
        }

        return Decision.Accept([.. changes]);
    }

    /// <summary>A manager must be someone on the roster after the import: named in it, or on the roster and staying.</summary>
    public static bool ManagerKnown(string manager, IReadOnlySet<string> imported, IReadOnlyDictionary<string, Person> onFile, bool complete) =>
        imported.Contains(manager) || (!complete && onFile.GetValueOrDefault(manager) is { OnRoster: true });

    public static Decision Leave(Person person, DateTimeOffset occurredAt, DateTimeOffset now) =>
        !person.OnRoster ? Decision.Reject(new("person-not-on-roster", $"{person.Id} left the roster already.", ErrorKind.Conflict))
        : BusinessTime.Check(occurredAt, now, person.LastOccurredAt, $"person {person.Id}") is { } timeError ? Decision.Reject(timeError)
        : Decision.Accept(new PersonLeft(person.Id, occurredAt));

    /// <summary>
    /// Why a person may not be erased, or null: someone still on the roster is employed, and the company keeps an
    /// employee's records while they work here (they leave first). One already erased here may be asked for again, so
    /// that a service that missed the first request catches up.
    /// </summary>
    public static DomainError? Unerasable(Person? person, bool erasedHere, string id) =>
        erasedHere ? null
        : person is null ? NotFound(id)
        : person.OnRoster ? new("person-on-roster", $"{id} is on the roster: they leave it before their personal information is erased.", ErrorKind.Conflict)
        : null;

    public static DomainError NotFound(string id) => new("person-not-found", $"There is no {id} on the roster.", ErrorKind.NotFound);
}
