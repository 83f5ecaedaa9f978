using JinGong.Domain;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Subscriptions;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Subscriptions;

/// <summary>A person's subscriptions and notifications as pure functions: given their events, when a command, then its events or the rule broken.</summary>
public sealed class SubscriberDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DeciderSpecification<SubscriberCommand, Subscriber> Spec = DeciderSpecification.For<SubscriberCommand, Subscriber>(SubscriberDecider.Decide);
    private static readonly Subscribed FollowsRules = new("li.wei", FollowedKind.Space, "SPACE-1", Now.AddDays(-2));

    [Fact]
    public void one_follows_what_one_may_read_once_and_stops_following_what_one_follows()
    {
        Spec.When(new Subscribe("li.wei", FollowedKind.Space, "SPACE-1", AccessLevel.Read, Now, Now)).Then(new Subscribed("li.wei", FollowedKind.Space, "SPACE-1", Now));
        Spec.When(new Subscribe("li.wei", FollowedKind.Page, "PAGE-A", AccessLevel.None, Now, Now)).ThenRejects("page-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(new Subscribe("li.wei", FollowedKind.Space, "SPACE-9", AccessLevel.None, Now, Now)).ThenRejects("space-not-found");
        Spec.Given(FollowsRules).When(new Subscribe("li.wei", FollowedKind.Space, "SPACE-1", AccessLevel.Edit, Now, Now)).ThenRejects("already-subscribed");
        Spec.Given(FollowsRules).When(new Unsubscribe("li.wei", FollowedKind.Space, "SPACE-1", Now, Now)).Then(new Unsubscribed("li.wei", FollowedKind.Space, "SPACE-1", Now));
        Spec.Given(FollowsRules).When(new Unsubscribe("li.wei", FollowedKind.Page, "SPACE-1", Now, Now)).ThenRejects("not-subscribed");
    }

    [Fact]
    public void a_revision_is_told_once_never_to_its_author_and_notifications_are_numbered_and_read()
    {
        var notify = new Notify("li.wei", "PAGE-A", "SPACE-1", "考勤规定", 2, "wang.fang", Now, Now);
        Spec.Given(FollowsRules).When(notify).Then(new NotifiedOfRevision("li.wei", 1, "PAGE-A", "SPACE-1", "考勤规定", 2, "wang.fang", Now));
        var told = new NotifiedOfRevision("li.wei", 1, "PAGE-A", "SPACE-1", "考勤规定", 2, "wang.fang", Now);
        Spec.Given(FollowsRules, told).When(notify).Then();
        Spec.Given(FollowsRules).When(notify with { Author = "li.wei" }).Then();
        Spec.Given(FollowsRules, told).When(notify with { Revision = 3 }).Then(told with { Number = 2, Revision = 3 });
        Spec.Given(FollowsRules).When(notify with { OccurredAt = Now.AddDays(-3) }).Then();
        Spec.Given(FollowsRules).When(notify with { SpaceId = "SPACE-2" }).Then();

        Spec.Given(FollowsRules, told).When(new ReadNotifications("li.wei", 1, Now, Now)).Then(new NotificationsRead("li.wei", 1, Now));
        Spec.Given(FollowsRules, told).When(new ReadNotifications("li.wei", 7, Now, Now)).ThenRejects("notification-not-found");
        Spec.Given(FollowsRules, told, new NotificationsRead("li.wei", null, Now)).When(new ReadNotifications("li.wei", null, Now, Now)).ThenRejects("notifications-already-read");
        Spec.Given(FollowsRules, told, new NotificationsRead("li.wei", null, Now)).State!.Notifications.Should().OnlyContain(notice => notice.Read);
    }
}
