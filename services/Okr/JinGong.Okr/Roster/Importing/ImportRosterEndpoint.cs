using System.Text.Json;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Idempotency;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using JinGong.Http.Languages;

namespace JinGong.Okr.Roster.Importing;

public sealed record RosterEntryRequest(string? Id, string? Name, string? Team, string? Region, string? Manager);

/// <summary>
/// A roster to import: the people (id, name, team, region, manager). <c>complete</c>: this is the whole roster, and
/// whoever is on it but not here has left. <c>occurredAt</c> (default now) is when the roster was true.
/// </summary>
public sealed record ImportRosterRequest(IReadOnlyList<RosterEntryRequest>? People, bool? Complete, DateTimeOffset? OccurredAt);

/// <summary>What an import did: people who joined, moved or left, and those it left as they were.</summary>
public sealed record RosterImported(int Joined, int Moved, int Left, int Unchanged);

public static class ImportRosterEndpoint
{
    public const int MaxPeople = 10_000;

    public static RouteGroupBuilder MapImportRoster(this RouteGroupBuilder people)
    {
        people.MapPost("/import", ImportAsync)
            // One declaration: the last of several would be the only content type the route accepts.
            .Accepts<ImportRosterRequest>("application/json", "text/csv")
            .WithName("ImportRoster")
            .WithSummary("Import the roster in bulk, as JSON or as CSV (id,name,team,region,manager; ?complete=&occurredAt= in the query); all or nothing")
            .RequireRoles(Roles.Administrator);
        return people;
    }

    private static async Task<Results<Ok<RosterImported>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest http, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken,
        [FromQuery] bool? complete = null, [FromQuery] DateTimeOffset? occurredAt = null)
    {
        if (!http.HasJsonContentType() && !IsCsv(http))
        {
            // The route accepts JSON and CSV; a body that says neither, or nothing, is not read at all.
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: Texts.Say($"A roster is sent as application/json or text/csv."));
        }

        var (request, readError) = await ReadAsync(http, complete, occurredAt, cancellationToken);
        if (readError is not null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = [readError] });
        }

        var errors = Validate(request!.People);
        if (request.People is not { Count: > 0 and <= MaxPeople } people)
        {
            return Problems.Validation(errors.Errors);
        }

        // Decided in one serializable transaction: the people read are those the import commits against, so a person who
        // changed meanwhile fails the import instead of being overwritten by what was decided on their old record.
        return await store.DecideSerializableAsync(
            http.HttpContext, session => DecideAsync(session, http.HttpContext, request, people, errors, clock, cancellationToken),
            () => Problems.From(new DomainError("concurrent-change", $"The roster changed while this import was decided; import it again.", ErrorKind.Conflict)),
            cancellationToken);
    }

    private static async Task<Results<Ok<RosterImported>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        IDocumentSession session, HttpContext http, ImportRosterRequest request, IReadOnlyList<RosterEntryRequest?> people, FieldErrors errors, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // Managers are checked even when other fields are wrong, so one answer names every problem.
        var isComplete = request.Complete ?? false;
        // Only what can be someone's id is looked up; the rest is named in the errors already.
        var imported = people.Select(person => person?.Id?.Trim()).OfType<string>().Where(FieldErrors.IsId).ToHashSet(StringComparer.Ordinal);
        var named = imported.Concat(people.Select(person => person?.Manager?.Trim()).OfType<string>().Where(FieldErrors.IsId)).Distinct().ToList();
        var onFile = (isComplete
                ? await session.Query<Person>().Where(person => person.OnRoster || named.Contains(person.Id)).ToListAsync(cancellationToken)
                : await session.LoadManyAsync<Person>(cancellationToken, named))
            .ToDictionary(person => person.Id, StringComparer.Ordinal);
        for (var index = 0; index < people.Count; index++)
        {
            if (people[index]?.Manager?.Trim() is { Length: > 0 } manager && !RosterDecider.ManagerKnown(manager, imported, onFile, isComplete))
            {
                errors.Check($"people[{index}].manager", false, $"{manager} is not on the roster, nor in this import.");
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var entries = people.Select(person => Entry(person!)).ToList();
        var now = clock.GetUtcNow();
        var decision = RosterDecider.Import(entries, onFile, isComplete, (request.OccurredAt ?? now).ToUniversalTime(), now);
        if (decision is Decision.Rejected rejected)
        {
            return Problems.From(rejected.Error);
        }

        var changes = ((Decision.Accepted)decision).Events.Cast<IPersonEvent>().ToList();
        foreach (var change in changes)
        {
            if (onFile.ContainsKey(change.PersonId) && await session.Events.FetchStreamStateAsync(change.PersonId, cancellationToken) is { } state)
            {
                session.Events.Append(change.PersonId, state.Version + 1, change);
            }
            else
            {
                session.Events.StartStream<Person>(change.PersonId, change);
            }
        }

        var (joined, moved) = (changes.Count(change => change is PersonJoined), changes.Count(change => change is PersonMoved));
        var answer = new RosterImported(joined, moved, changes.Count(change => change is PersonLeft), entries.Count - joined - moved);
        session.KeepAnswer(http, StatusCodes.Status200OK, answer);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(answer);
    }

    private static async Task<(ImportRosterRequest? Request, string? Error)> ReadAsync(
        HttpRequest http, bool? complete, DateTimeOffset? occurredAt, CancellationToken cancellationToken)
    {
        if (IsCsv(http))
        {
            using var reader = new StreamReader(http.Body);
            var (entries, csvError) = RosterCsv.Read(await reader.ReadToEndAsync(cancellationToken));
            return csvError is null ? (new ImportRosterRequest(entries, complete, occurredAt), null) : (null, csvError);
        }

        try
        {
            var request = await http.ReadFromJsonAsync<ImportRosterRequest>(cancellationToken);
            return request is null ? (null, Texts.Say($"The body is empty.")) : (request, null);
        }
        catch (JsonException exception)
        {
            return (null, Texts.Say($"The body is not a roster: {exception.Message}"));
        }
    }

    private static FieldErrors Validate(IReadOnlyList<RosterEntryRequest?>? people)
    {
        var errors = new FieldErrors()
            .Check("people", people is { Count: > 0 }, $"The people to import are required (at least one).")
            .Check("people", people is null || people.Count <= MaxPeople, $"At most {MaxPeople} people per import.");
        if (errors.Any)
        {
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < people!.Count; index++)
        {
            var field = $"people[{index}]";
            if (people[index] is not { } person)
            {
                errors.Check(field, false, $"A person is required here.");
                continue;
            }

            // A CSV's fields reach here without the checks every JSON body gets (PrintableTextFilter).
            errors.Required($"{field}.id", person.Id)
                .Check($"{field}.id", person.Id is null || FieldErrors.IsId(person.Id.Trim()), FieldErrors.IdRule)
                .Check($"{field}.id", person.Id is null || seen.Add(person.Id.Trim()), $"This id is in the import twice.")
                .Required($"{field}.name", person.Name).Printable($"{field}.name", person.Name)
                .Required($"{field}.team", person.Team).Printable($"{field}.team", person.Team)
                .Required($"{field}.region", person.Region).Printable($"{field}.region", person.Region)
                .Check($"{field}.manager", string.IsNullOrWhiteSpace(person.Manager) || FieldErrors.IsId(person.Manager.Trim()), $"A manager is named by their id. {FieldErrors.IdRule}")
                .Check($"{field}.manager", person.Manager is null || person.Manager.Trim() != person.Id?.Trim(), $"Nobody is their own manager.");
        }

        return errors;
    }

    private static RosterEntry Entry(RosterEntryRequest request) =>
        new(request.Id!.Trim(), request.Name!.Trim(), request.Team!.Trim(), request.Region!.Trim(), FieldErrors.Trimmed(request.Manager));

    private static bool IsCsv(HttpRequest http) => http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
}
