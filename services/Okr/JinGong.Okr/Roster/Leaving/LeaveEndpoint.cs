using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;

namespace JinGong.Okr.Roster.Leaving;

public sealed record LeaveRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

public static class LeaveEndpoint
{
    public static RouteGroupBuilder MapLeave(this RouteGroupBuilder people)
    {
        people.MapStreamCommand<LeaveRequest, Person, PersonView>(
            "/{id}/leaving", "LeaveRoster", RosterModule.People,
            _ => new FieldErrors(),
            (_, _, occurredAt, now) => person => RosterDecider.Leave(person, occurredAt, now))
            .WithSummary("Someone left the company: off the roster, their history kept")
            .RequireRoles(Roles.Administrator);
        return people;
    }
}
