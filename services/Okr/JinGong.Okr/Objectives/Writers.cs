using JinGong.Domain;
using JinGong.Http.Security;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Roster;
using Marten;

namespace JinGong.Okr.Objectives;

/// <summary>
/// Who writes an objective, its key results and their check-ins (docs/access.md): its owner, the owner's manager chain
/// on the roster, an executive or an administrator; a team's objective, the chain of the team's managers. Scoring a
/// closed period belongs to the manager chain, not to the owner.
/// </summary>
public static class Writers
{
    /// <summary>The roles of people who own objectives: every role but the auditor's (who changes nothing).</summary>
    public static readonly string[] OwningRoles = [Roles.SalesRep, Roles.RegionalManager, Roles.Dispatcher, Roles.Finance, Roles.FleetOperations, Roles.Executive];

    /// <summary>Deeper than any real company's tree; a longer walk means the stored roster is broken, not deep.</summary>
    private const int MaxDepth = 64;

    /// <summary>Why the caller may not write for <paramref name="owner"/>, or null when they may.</summary>
    /// <param name="ownerMay">Whether the owner writes too (false for scoring).</param>
    public static async Task<DomainError?> RefusalAsync(
        this HttpContext http, IQuerySession session, OwnerKind kind, string owner, bool ownerMay, CancellationToken cancellationToken)
    {
        if (http.User.IsInRole(Roles.Executive) || http.User.IsInRole(Roles.Administrator))
        {
            return null;
        }

        var writer = http.User.Identity?.Name;
        if (ownerMay && kind == OwnerKind.Person && string.Equals(writer, owner, StringComparison.Ordinal))
        {
            return null;
        }

        return writer is not null && (await ManagersAsync(session, kind, owner, cancellationToken)).Contains(writer)
            ? null
            : new DomainError("not-yours", ownerMay ? (FormattableString)$"The objectives of {owner} are written by them, their managers, executives and administrators." : $"The objectives of {owner} are written by their managers, executives and administrators.", ErrorKind.Forbidden);
    }

    /// <summary>
    /// Refuses a request on the objective its route's <c>{id}</c> names (or, with <paramref name="keyResult"/>, the
    /// objective of the key result it names) to anyone who may not write it; an unknown id goes on to its 404.
    /// </summary>
    public static RouteHandlerBuilder WrittenByTheOwnerChain(this RouteHandlerBuilder endpoint, bool keyResult = false, bool ownerMay = true) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var session = http.RequestServices.GetRequiredService<IQuerySession>();
            var id = http.GetRouteValue("id") as string ?? string.Empty;
            var objectiveId = keyResult ? (await session.LoadAsync<KeyResult>(id, http.RequestAborted))?.ObjectiveId : id;
            var objective = objectiveId is null ? null : await session.LoadAsync<Objective>(objectiveId, http.RequestAborted);
            return objective is not null && await http.RefusalAsync(session, objective.OwnerKind, objective.OwnerId, ownerMay, http.RequestAborted) is { } refusal
                ? JinGong.Http.Problems.From(refusal)
                : await next(context);
        });

    /// <summary>The chain above the owner: a person's manager, theirs, and so on; a team's, from the managers of its members.</summary>
    private static async Task<HashSet<string>> ManagersAsync(IQuerySession session, OwnerKind kind, string owner, CancellationToken cancellationToken)
    {
        var next = kind == OwnerKind.Person
            ? (await session.LoadAsync<Person>(owner, cancellationToken))?.Manager is { } manager ? [manager] : new List<string>()
            : [.. (await session.Query<Person>().Where(person => person.Team == owner && person.OnRoster).ToListAsync(cancellationToken))
                .Select(person => person.Manager).OfType<string>()];
        var chain = new HashSet<string>(StringComparer.Ordinal);
        for (var depth = 0; next.Count > 0 && depth < MaxDepth; depth++)
        {
            next = [.. next.Where(chain.Add)];
            var people = await session.LoadManyAsync<Person>(cancellationToken, next);
            next = [.. people.Select(person => person.Manager).OfType<string>()];
        }

        return chain;
    }
}
