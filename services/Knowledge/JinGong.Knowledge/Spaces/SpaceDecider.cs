using JinGong.Domain;

namespace JinGong.Knowledge.Spaces;

public sealed record CreateSpace(
    string SpaceId, string Name, SpaceKind Kind, string? Description, IReadOnlyList<string> Editors, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>Every rule of a space: it is created once, never in the future, with at least one editing role.</summary>
public static class SpaceDecider
{
    public static Decision Decide(CreateSpace command, Space? state) =>
        state is not null ? Decision.Reject(new("space-already-created", $"Space {command.SpaceId} was created already.", ErrorKind.Conflict))
        : command.OccurredAt > command.Now ? Decision.Reject(BusinessTime.OccurredInFuture(command.OccurredAt, command.Now))
        : command.Editors.Count == 0 ? Decision.Reject(new("space-without-editors", $"A space names at least one role that edits its pages.", ErrorKind.Unprocessable))
        : Decision.Accept(new SpaceCreated(command.SpaceId, command.Name, command.Kind, command.Description, command.Editors, command.OccurredAt));

    public static DomainError NotFound(string id) => new("space-not-found", $"There is no space {id}.", ErrorKind.NotFound);
}
