using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using MassTransit;

namespace JinGong.Knowledge.Subscriptions;

public static class SubscriptionsModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Subscriptions",
        "Following pages and spaces, and the notifications of their new revisions, each person their own.");

    public static readonly StreamKind<Subscriber, SubscriberView> Subscribers =
        new("Subscriber", id => new("subscriber-not-found", $"{id} follows nothing yet.", JinGong.Domain.ErrorKind.NotFound),
            Subscriber.Evolve, SubscriberView.From, e => ((ISubscriberEvent)e).OccurredAt);

    public static void ConfigureSubscriptions(this StoreOptions options)
    {
        // Inline: who follows a page is read by the notice of its next revision; what one follows, by one's next request.
        options.Projections.Add(new EvolvingProjection<Subscriber>(typeof(ISubscriberEvent)), ProjectionLifecycle.Inline);
        // "Who follows this page or its space" is a containment query over every subscriber.
        options.Schema.For<Subscriber>().GinIndexJsonData();
        options.Events.MapEventType<Subscribed>("subscribed_v1");
        options.Events.MapEventType<Unsubscribed>("unsubscribed_v1");
        options.Events.MapEventType<NotifiedOfRevision>("notified_of_revision_v1");
        options.Events.MapEventType<NotificationsRead>("notifications_read_v1");
    }

    public static void AddSubscriptionConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<NotifySubscribers>();

    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder api)
    {
        api.MapGroup("/").WithTag(Tag).MapFollowing().MapNotifications();
        return api;
    }
}

/// <summary>What a person follows and how many of their notifications are unread, with their stream's version.</summary>
public sealed record SubscriberView(IReadOnlyList<string> Pages, IReadOnlyList<string> Spaces, int Unread, long Version)
{
    public static SubscriberView From(Subscriber subscriber, long version) =>
        new(subscriber.Pages, subscriber.Spaces, subscriber.Notifications.Count(notice => !notice.Read), version);
}
