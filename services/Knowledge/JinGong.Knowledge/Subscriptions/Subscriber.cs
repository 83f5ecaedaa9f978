using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Subscriptions;

/// <summary>What a subscription follows: a page, or every page of a space.</summary>
public enum FollowedKind
{
    Page,
    Space,
}

/// <summary>An event of a person's subscriptions and notifications, kept in their own stream (<c>subscriber:{person}</c>). OccurredAt is business time (UTC).</summary>
public interface ISubscriberEvent
{
    string PersonId { get; }

    DateTimeOffset OccurredAt { get; }
}

public sealed record Subscribed(string PersonId, FollowedKind Kind, string FollowedId, DateTimeOffset OccurredAt) : ISubscriberEvent;

public sealed record Unsubscribed(string PersonId, FollowedKind Kind, string FollowedId, DateTimeOffset OccurredAt) : ISubscriberEvent;

/// <summary>The person was told that a page they follow (or a page of a space they follow) reads differently, at <paramref name="Revision"/>.</summary>
public sealed record NotifiedOfRevision(
    string PersonId, int Number, string PageId, string SpaceId, string Title, int Revision, string Author, DateTimeOffset OccurredAt) : ISubscriberEvent;

/// <summary>The person read notification <paramref name="Number"/> (none: every notification they had).</summary>
public sealed record NotificationsRead(string PersonId, int? Number, DateTimeOffset OccurredAt) : ISubscriberEvent;

/// <summary>A notice of a page's new revision, numbered from 1 in its person's stream.</summary>
public sealed record Notification(int Number, string PageId, string SpaceId, string Title, int Revision, string Author, DateTimeOffset PublishedAt, bool Read);

/// <summary>What a person follows in the knowledge base, and what they have been told of it.</summary>
public sealed record Subscriber(
    [property: Identity] string Id,
    IReadOnlyList<string> Pages,
    IReadOnlyList<string> Spaces,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyDictionary<string, DateTimeOffset> FollowedSince,
    DateTimeOffset LastOccurredAt) : IEvolving<Subscriber>
{
    public const string StreamPrefix = "subscriber:";

    /// <summary>The stream of a person's subscriptions: ':' is in no person's id, so it is no other stream's.</summary>
    public static string StreamOf(string personId) => StreamPrefix + personId;

    public bool Follows(FollowedKind kind, string id) => (kind == FollowedKind.Page ? Pages : Spaces).Contains(id);

    /// <summary>Whether the person followed the page or its space when a revision of it was published (a notice may come late).</summary>
    public bool FollowedAt(string pageId, string spaceId, DateTimeOffset publishedAt) =>
        (FollowedSince.TryGetValue(Key(FollowedKind.Page, pageId), out var page) && page <= publishedAt)
        || (FollowedSince.TryGetValue(Key(FollowedKind.Space, spaceId), out var space) && space <= publishedAt);

    private static string Key(FollowedKind kind, string id) => $"{kind}:{id}";

    [JasperFxIgnore]
    public static Subscriber? Evolve(Subscriber? state, object @event)
    {
        var current = state ?? (@event is ISubscriberEvent first ? new Subscriber(StreamOf(first.PersonId), [], [], [], new Dictionary<string, DateTimeOffset>(), first.OccurredAt) : null);
        return (current, @event) switch
        {
            (null, _) => throw new UnknownEventException(typeof(Subscriber), @event),
            (_, Subscribed { Kind: FollowedKind.Page } page) => current with
            {
                Pages = [.. current.Pages, page.FollowedId], FollowedSince = Since(current, page, page.OccurredAt), LastOccurredAt = page.OccurredAt,
            },
            (_, Subscribed space) => current with
            {
                Spaces = [.. current.Spaces, space.FollowedId], FollowedSince = Since(current, space, space.OccurredAt), LastOccurredAt = space.OccurredAt,
            },
            (_, Unsubscribed { Kind: FollowedKind.Page } page) => current with
            {
                Pages = [.. current.Pages.Where(id => id != page.FollowedId)], FollowedSince = Since(current, page, null), LastOccurredAt = page.OccurredAt,
            },
            (_, Unsubscribed space) => current with
            {
                Spaces = [.. current.Spaces.Where(id => id != space.FollowedId)], FollowedSince = Since(current, space, null), LastOccurredAt = space.OccurredAt,
            },
            (_, NotifiedOfRevision told) => current with
            {
                Notifications = [.. current.Notifications, new Notification(told.Number, told.PageId, told.SpaceId, told.Title, told.Revision, told.Author, told.OccurredAt, false)],
                LastOccurredAt = told.OccurredAt,
            },
            (_, NotificationsRead read) => current with
            {
                Notifications = [.. current.Notifications.Select(notice => read.Number is null || notice.Number == read.Number ? notice with { Read = true } : notice)],
                LastOccurredAt = read.OccurredAt,
            },
            _ => throw new UnknownEventException(typeof(Subscriber), @event),
        };
    }

    /// <summary>When each followed thing began to be followed: from <paramref name="since"/>, or no more (none).</summary>
    private static Dictionary<string, DateTimeOffset> Since(Subscriber state, object change, DateTimeOffset? since)
    {
        var (kind, id) = change switch
        {
            Subscribed subscribed => (subscribed.Kind, subscribed.FollowedId),
            Unsubscribed unsubscribed => (unsubscribed.Kind, unsubscribed.FollowedId),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        var followed = new Dictionary<string, DateTimeOffset>(state.FollowedSince);
        if (since is { } from)
        {
            followed[Key(kind, id)] = from;
        }
        else
        {
            followed.Remove(Key(kind, id));
        }

        return followed;
    }
}
