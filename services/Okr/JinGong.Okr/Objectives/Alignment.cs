using JinGong.Okr.Roster;
using Marten;

namespace JinGong.Okr.Objectives;

public static class Alignment
{
    /// <summary>Deeper than any real company's tree; a longer walk means the stored tree is broken, not deep.</summary>
    private const int MaxDepth = 64;

    /// <summary>Reads what <see cref="ObjectiveDecider"/> needs to know: the owner on the roster, the parent and its ancestors.</summary>
    public static async Task<AlignmentFacts> LoadAsync(
        IQuerySession session, OwnerKind ownerKind, string ownerId, string? parentId, CancellationToken cancellationToken)
    {
        var ownerOnRoster = ownerKind == OwnerKind.Person
            ? await session.LoadAsync<Person>(ownerId, cancellationToken) is { OnRoster: true }
            : await session.Query<Person>().AnyAsync(person => person.Team == ownerId && person.OnRoster, cancellationToken);
        var parent = parentId is null ? null : await session.LoadAsync<Objective>(parentId, cancellationToken);
        var ancestors = new List<string>();
        for (var next = parent?.ParentId; next is not null && ancestors.Count < MaxDepth && !ancestors.Contains(next); next = (await session.LoadAsync<Objective>(next, cancellationToken))?.ParentId)
        {
            ancestors.Add(next);
        }

        return new AlignmentFacts(ownerOnRoster, parent, ancestors);
    }
}
