using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Subscriptions;

public sealed record FollowRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>Which notification was read (none: all of them).</summary>
public sealed record ReadNotificationsRequest(int? Number, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>The caller's notifications, newest first, of pages they may read now; how many are unread; what they follow.</summary>
public sealed record NotificationsView(IReadOnlyList<Notification> Items, int Unread, IReadOnlyList<string> Pages, IReadOnlyList<string> Spaces);

/// <summary>Following a page or a space, and one's own notifications: every signed-in person's, each in their own stream.</summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapFollowing(this RouteGroupBuilder api)
    {
        foreach (var kind in new[] { FollowedKind.Page, FollowedKind.Space })
        {
            var noun = kind == FollowedKind.Page ? "pages" : "spaces";
            api.MapFollowCommand($"/{noun}/{{id}}/subscription", $"Subscribe{kind}", (person, id, access, occurredAt, now) => new Subscribe(person, kind, id, access, occurredAt, now))
                .WithSummary($"Follow a {kind.ToString().ToLowerInvariant()}: be told of each new revision published in it");
            api.MapFollowCommand($"/{noun}/{{id}}/unsubscription", $"Unsubscribe{kind}", (person, id, _, occurredAt, now) => new Unsubscribe(person, kind, id, occurredAt, now))
                .WithSummary($"Stop following a {kind.ToString().ToLowerInvariant()}");
        }

        return api;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications of new revisions, newest first, of the pages they may read now, with how many are unread and what they follow")
            .RequireRoles([.. Roles.All]);
        api.MapPost("/notifications/read", async Task<Results<Ok<SubscriberView>, ValidationProblem, ProblemHttpResult>> (
                ReadNotificationsRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var person = PersonOf(http);
                var errors = new FieldErrors().Check("number", request.Number is null or >= 1, $"Notifications count from 1.");
                return await session.DecideOrStartAsync(SubscriptionsModule.Subscribers, Subscriber.StreamOf(person), errors, http, state =>
                {
                    var now = clock.GetUtcNow();
                    return SubscriberDecider.Decide(new ReadNotifications(person, request.Number, (request.OccurredAt ?? now).ToUniversalTime(), now), state);
                }, cancellationToken);
            })
            .WithName("ReadNotifications")
            .WithSummary("Mark one of the caller's notifications read (number), or all of them")
            .HonoursIfMatch()
            .RequireRoles([.. Roles.All]);
        return api;
    }

    private static async Task<Ok<NotificationsView>> ListAsync(HttpContext http, IQuerySession session, CancellationToken cancellationToken, bool unread = false)
    {
        var subscriber = await session.LoadAsync<Subscriber>(Subscriber.StreamOf(PersonOf(http)), cancellationToken);
        if (subscriber is null)
        {
            return TypedResults.Ok(new NotificationsView([], 0, [], []));
        }

        // Told when it was published; shown only while the reader may still read its space.
        var readable = (await Readers.ReadableSpacesAsync(http, session, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var shown = subscriber.Notifications.Where(notice => readable.Contains(notice.SpaceId)).ToList();
        return TypedResults.Ok(new NotificationsView(
            [.. shown.Where(notice => !unread || !notice.Read).OrderByDescending(notice => notice.Number)],
            shown.Count(notice => !notice.Read), subscriber.Pages, subscriber.Spaces));
    }

    private static RouteHandlerBuilder MapFollowCommand(
        this RouteGroupBuilder api, string pattern, string name, Func<string, string, AccessLevel, DateTimeOffset, DateTimeOffset, SubscriberCommand> command) =>
        api.MapPost(pattern, async Task<Results<Ok<SubscriberView>, ValidationProblem, ProblemHttpResult>> (
                string id, FollowRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var person = PersonOf(http);
                var access = pattern.StartsWith("/pages/", StringComparison.Ordinal)
                    ? await session.LoadAsync<Page>(id, cancellationToken) is { } page && await Readers.PageRefusalAsync(http, session, page, cancellationToken) is null
                        ? AccessLevel.Read : AccessLevel.None
                    : (await Readers.InSpaceAsync(http, session, id, cancellationToken))?.Level ?? AccessLevel.None;
                return await session.DecideOrStartAsync(SubscriptionsModule.Subscribers, Subscriber.StreamOf(person), new FieldErrors(), http, state =>
                {
                    var now = clock.GetUtcNow();
                    return SubscriberDecider.Decide(command(person, id, access, (request.OccurredAt ?? now).ToUniversalTime(), now), state);
                }, cancellationToken);
            })
            .WithName(name)
            .HonoursIfMatch()
            .RequireRoles([.. Roles.All]);

    /// <summary>The signed-in person (the token's subject).</summary>
    private static string PersonOf(HttpContext http) => http.User.Identity?.Name ?? string.Empty;
}
