using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Okr.Roster.Erasing;
using JinGong.Okr.Roster.Importing;
using JinGong.Okr.Roster.Leaving;
using JinGong.Okr.Roster.Reading;
using Marten;

namespace JinGong.Okr.Roster;

public static class RosterModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Roster",
        "The people of the company with their team, manager and region: imported by administrators, and the source of their accounts.");

    public static readonly StreamKind<Person, PersonView> People =
        new("Person", RosterDecider.NotFound, Person.Evolve, PersonView.From, e => ((IPersonEvent)e).OccurredAt);

    public static void ConfigureRoster(this StoreOptions options)
    {
        // Inline: owners are checked against the roster in the request that sets an objective.
        options.Projections.Add(new EvolvingProjection<Person>(typeof(IPersonEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Person>().Duplicate(person => person.Team);
        options.Events.MapEventType<PersonJoined>("person_joined_v1");
        options.Events.MapEventType<PersonMoved>("person_moved_v1");
        options.Events.MapEventType<PersonLeft>("person_left_v1");
    }

    public static RouteGroupBuilder MapRoster(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTag(Tag);
        people.MapImportRoster();
        people.MapLeave();
        people.MapErasePerson();
        people.MapStreamReads("/{id}", People);
        people.MapListPeople();
        return api;
    }
}
