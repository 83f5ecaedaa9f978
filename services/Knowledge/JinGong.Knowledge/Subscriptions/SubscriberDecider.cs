using JinGong.Domain;
using JinGong.Knowledge.Spaces;

namespace JinGong.Knowledge.Subscriptions;

public abstract record SubscriberCommand(string PersonId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>Follow a page or a space the person may read (<paramref name="Access"/>: their level in its space).</summary>
public sealed record Subscribe(string PersonId, FollowedKind Kind, string FollowedId, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : SubscriberCommand(PersonId, OccurredAt, Now);

public sealed record Unsubscribe(string PersonId, FollowedKind Kind, string FollowedId, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : SubscriberCommand(PersonId, OccurredAt, Now);

/// <summary>Tell the person of a page's new revision (from the bus: redelivered, it tells them once).</summary>
public sealed record Notify(string PersonId, string PageId, string SpaceId, string Title, int Revision, string Author, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : SubscriberCommand(PersonId, OccurredAt, Now);

/// <summary>Mark notification <paramref name="Number"/> read, or all of them (none).</summary>
public sealed record ReadNotifications(string PersonId, int? Number, DateTimeOffset OccurredAt, DateTimeOffset Now) : SubscriberCommand(PersonId, OccurredAt, Now);

/// <summary>
/// Every rule of a person's subscriptions: one follows only what one may read, once; one is told of a revision once,
/// never of one's own, and only of one published since one followed its page or space; a notification read is one that exists and is unread.
/// </summary>
public static class SubscriberDecider
{
    public static Decision Decide(SubscriberCommand command, Subscriber? state)
    {
        if (command.OccurredAt > command.Now)
        {
            return Decision.Reject(BusinessTime.OccurredInFuture(command.OccurredAt, command.Now));
        }

        return command switch
        {
            Subscribe { Access: AccessLevel.None } subscribe => Decision.Reject(subscribe.Kind == FollowedKind.Page
                ? Pages.PageDecider.NotFound(subscribe.FollowedId)
                : SpaceDecider.NotFound(subscribe.FollowedId)),
            Subscribe subscribe when state?.Follows(subscribe.Kind, subscribe.FollowedId) == true =>
                Decision.Reject(new("already-subscribed", $"{subscribe.FollowedId} is followed already.", ErrorKind.Conflict)),
            Subscribe subscribe => Decision.Accept(new Subscribed(subscribe.PersonId, subscribe.Kind, subscribe.FollowedId, subscribe.OccurredAt)),
            Unsubscribe unsubscribe when state?.Follows(unsubscribe.Kind, unsubscribe.FollowedId) != true =>
                Decision.Reject(new("not-subscribed", $"{unsubscribe.FollowedId} is not followed.", ErrorKind.NotFound)),
            Unsubscribe unsubscribe => Decision.Accept(new Unsubscribed(unsubscribe.PersonId, unsubscribe.Kind, unsubscribe.FollowedId, unsubscribe.OccurredAt)),
            // Idempotent: a redelivered or repeated notice appends nothing (an empty acceptance, not an error).
            // So is one of a revision published before the person followed its page or space (the bus may bring it late).
            Notify notify when notify.Author == notify.PersonId
                || state?.FollowedAt(notify.PageId, notify.SpaceId, notify.OccurredAt) != true
                || state.Notifications.Any(notice => notice.PageId == notify.PageId && notice.Revision == notify.Revision) => Decision.Accept(),
            Notify notify => Decision.Accept(new NotifiedOfRevision(
                notify.PersonId, (state?.Notifications.Count ?? 0) + 1, notify.PageId, notify.SpaceId, notify.Title, notify.Revision, notify.Author, notify.OccurredAt)),
            ReadNotifications read when read.Number is { } number && state?.Notifications.Any(notice => notice.Number == number) != true =>
                Decision.Reject(new("notification-not-found", $"There is no notification {number}.", ErrorKind.NotFound)),
            ReadNotifications read when state is null || state.Notifications.Where(notice => read.Number is null || notice.Number == read.Number).All(notice => notice.Read) =>
                Decision.Reject(new("notifications-already-read", $"Read already.", ErrorKind.Conflict)),
            ReadNotifications read => Decision.Accept(new NotificationsRead(read.PersonId, read.Number, read.OccurredAt)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a subscriber."),
        };
    }
}
