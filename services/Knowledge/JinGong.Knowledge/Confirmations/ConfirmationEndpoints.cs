using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Members;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Confirmations;

/// <summary>
/// Confirm having read <c>revision</c> of a page (the one readers see now); a space's administrator may record it for
/// <c>person</c> of the roster, from a sheet they signed (none: the caller confirms their own reading).
/// </summary>
public sealed record ConfirmReadingRequest(int? Revision, string? Person, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>A page whose current revision the caller is asked to confirm reading, and has not.</summary>
public sealed record PendingReading(string PageId, string SpaceId, string SpaceName, string Title, int Revision, DateTimeOffset PublishedAt);

/// <summary>Confirming one's reading, the pages one is asked to confirm, and a space's read rate for its approvers.</summary>
public static class ConfirmationEndpoints
{
    public static RouteGroupBuilder MapConfirmReading(this RouteGroupBuilder api)
    {
        api.MapPost("/pages/{id}/read-confirmation", async Task<Results<Ok<ReadingRecordView>, ValidationProblem, ProblemHttpResult>> (
                string id, ConfirmReadingRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var caller = http.User.Identity?.Name ?? string.Empty;
                var errors = new FieldErrors().Required("revision", request.Revision).Check("revision", request.Revision is null or >= 1, $"Revisions count from 1.")
                    .OptionalId("person", request.Person);
                var person = FieldErrors.Trimmed(request.Person) ?? caller;
                var page = await session.LoadAsync<Page>(id, cancellationToken);
                var found = page is null ? null : await Readers.InSpaceAsync(http, session, page.SpaceId, cancellationToken);
                var onRoster = person != caller && FieldErrors.IsId(person) && await session.LoadAsync<Member>(person, cancellationToken) is { Active: true };
                var toConfirm = page is null || found is null
                    ? null
                    : new PageToConfirm(page.SpaceId, page.Current?.Number, page.Current?.PublishedAt, found.Value.Space.ConfirmingTeams.Count > 0);
                return await session.DecideOrStartAsync(ConfirmationsModule.Readings, ReadingRecord.StreamOf(person), errors, http, state =>
                {
                    var now = clock.GetUtcNow();
                    return ReadingDecider.Decide(new ConfirmReading(
                        person, id, request.Revision ?? 0, toConfirm, found?.Level ?? AccessLevel.None, person == caller ? null : caller, onRoster,
                        (request.OccurredAt ?? now).ToUniversalTime(), now), state);
                }, cancellationToken);
            })
            .WithName("ConfirmReading")
            .WithSummary("Confirm having read a page's current revision, in a space that asks for it; an administrator of the space may record it for someone on the roster")
            .RequireRoles([.. Roles.All]);
        return api;
    }

    public static RouteGroupBuilder MapPendingReadings(this RouteGroupBuilder api)
    {
        api.MapGet("/read-confirmations/pending", PendingAsync)
            .WithName("ListPendingReadings")
            .WithSummary("The pages the caller's team is asked to confirm reading whose current revision they have not confirmed, oldest first")
            .RequireRoles([.. Roles.All]);
        return api;
    }

    public static RouteGroupBuilder MapReadRate(this RouteGroupBuilder api)
    {
        api.MapGet("/spaces/{id}/read-rate", ReadRateAsync)
            .WithName("GetSpaceReadRate")
            .WithSummary("Of the people in the teams a space asks, who confirmed reading every page's current revision, per team and per page, and who has not (the space's approvers)")
            .RequireRoles([.. Roles.All]);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<PendingReading>>> PendingAsync(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var reader = await Readers.OfAsync(http, session, cancellationToken);
        if (reader.Team is not { } team)
        {
            return TypedResults.Ok<IReadOnlyList<PendingReading>>([]);
        }

        var spaces = (await session.Query<Space>().Where(space => space.ConfirmingTeams.Contains(team)).ToListAsync(cancellationToken))
            .Where(space => reader.LevelIn(space) >= AccessLevel.Read)
            .ToDictionary(space => space.Id, StringComparer.Ordinal);
        if (spaces.Count == 0)
        {
            return TypedResults.Ok<IReadOnlyList<PendingReading>>([]);
        }

        var pages = await session.Query<Page>().Where(page => page.SpaceId.IsOneOf(spaces.Keys.ToArray())).ToListAsync(cancellationToken);
        var record = await session.LoadAsync<ReadingRecord>(ReadingRecord.StreamOf(reader.Id), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PendingReading>>([.. pages
            .Where(page => page.Current is { } current && record?.ConfirmedRevisionOf(page.Id) != current.Number)
            .Select(page => new PendingReading(page.Id, page.SpaceId, spaces[page.SpaceId].Name, page.Title, page.Current!.Number, page.Current.PublishedAt))
            .OrderBy(pending => pending.PublishedAt)
            .ThenBy(pending => pending.PageId, StringComparer.Ordinal)]);
    }

    private static async Task<Results<Ok<ReadRateView>, ProblemHttpResult>> ReadRateAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await Readers.InSpaceAsync(http, session, id, cancellationToken) is not { } found)
        {
            return Problems.From(SpaceDecider.NotFound(id));
        }

        if (found.Level < AccessLevel.Approve)
        {
            return Problems.From(new DomainError("not-a-space-approver", $"The read rate of space {id} is its approvers' to read.", ErrorKind.Forbidden));
        }

        var space = found.Space;
        var teams = space.ConfirmingTeams.ToArray();
        var members = teams.Length == 0 ? [] : await session.Query<Member>().Where(member => member.Team.IsOneOf(teams)).ToListAsync(cancellationToken);
        var pages = await session.Query<Page>().Where(page => page.SpaceId == id).ToListAsync(cancellationToken);
        var records = members.Count == 0 ? [] : await session.LoadManyAsync<ReadingRecord>(cancellationToken, members.Select(member => ReadingRecord.StreamOf(member.Id)));
        return TypedResults.Ok(ReadRateView.Of(space, pages, members, records));
    }
}
