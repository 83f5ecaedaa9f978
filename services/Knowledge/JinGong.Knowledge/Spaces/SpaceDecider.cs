using JinGong.Domain;

namespace JinGong.Knowledge.Spaces;

/// <summary>What someone asks of a space, with its business time and the clock's reading.</summary>
public abstract record SpaceCommand(string SpaceId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>A space to open; a space of deals names the region whose deals it holds.</summary>
public sealed record CreateSpace(
    string SpaceId, string Name, SpaceKind Kind, string? Description, IReadOnlyList<string> Editors, DateTimeOffset OccurredAt, DateTimeOffset Now, string? Region = null)
    : SpaceCommand(SpaceId, OccurredAt, Now);

/// <summary>What a space's administrators change of it, as asked by someone whose level in the space is <paramref name="AskedBy"/>.</summary>
public abstract record AdministerSpace(string SpaceId, AccessLevel AskedBy, DateTimeOffset OccurredAt, DateTimeOffset Now) : SpaceCommand(SpaceId, OccurredAt, Now);

/// <summary>
/// <paramref name="Grantee"/> may do <paramref name="Level"/> in the space from now on (none: nothing the grant gave), as asked
/// by someone whose level in the space is <paramref name="AskedBy"/>.
/// </summary>
public sealed record ChangeSpaceAccess(string SpaceId, Grantee Grantee, AccessLevel Level, AccessLevel AskedBy, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AdministerSpace(SpaceId, AskedBy, OccurredAt, Now);

/// <summary>The space's revisions are published only once reviewed (<paramref name="Required"/>), or by their editors.</summary>
public sealed record RequireReview(string SpaceId, bool Required, AccessLevel AskedBy, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AdministerSpace(SpaceId, AskedBy, OccurredAt, Now);

/// <summary>Everyone in <paramref name="Teams"/> is asked to confirm they have read each page's current revision (none: nobody).</summary>
public sealed record RequireReadConfirmation(string SpaceId, IReadOnlyList<string> Teams, AccessLevel AskedBy, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AdministerSpace(SpaceId, AskedBy, OccurredAt, Now);

/// <summary>
/// Every rule of a space: it is created once, never in the future, with at least one editing role; what each grantee may
/// do in it, whether its revisions are reviewed and which teams confirm reading them are changed by its administrators, to
/// something they were not already.
/// </summary>
public static class SpaceDecider
{
    public static Decision Decide(SpaceCommand command, Space? state)
    {
        if (command is CreateSpace create)
        {
            return state is not null ? Decision.Reject(new("space-already-created", $"Space {create.SpaceId} was created already.", ErrorKind.Conflict))
                : create.OccurredAt > create.Now ? Decision.Reject(BusinessTime.OccurredInFuture(create.OccurredAt, create.Now))
                : create.Editors.Count == 0 ? Decision.Reject(new("space-without-editors", $"A space names at least one role that edits its pages.", ErrorKind.Unprocessable))
                : (create.Kind == SpaceKind.Deals) != (create.Region is not null) ? Decision.Reject(new(
                    "region-of-deals-only", $"A space of deals names the region whose deals it holds, and only a space of deals does.", ErrorKind.Unprocessable))
                : Decision.Accept(new SpaceCreated(create.SpaceId, create.Name, create.Kind, create.Description, create.Editors, create.OccurredAt, create.Region));
        }

        if (state is null)
        {
            return Decision.Reject(NotFound(command.SpaceId));
        }

        if (command is AdministerSpace { AskedBy: var askedBy and < AccessLevel.Administer })
        {
            // Who may not even read the space does not learn that it is there.
            return Decision.Reject(askedBy == AccessLevel.None
                ? NotFound(state.Id)
                : new("not-a-space-administrator", $"Who may do what in space {state.Id} is said by its administrators.", ErrorKind.Forbidden));
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"space {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        return command switch
        {
            ChangeSpaceAccess change when state.GrantedTo(change.Grantee) == change.Level =>
                Decision.Reject(new("access-unchanged", $"Space {state.Id} grants {change.Grantee} {change.Level} already.", ErrorKind.Conflict)),
            ChangeSpaceAccess change => Decision.Accept(new SpaceAccessChanged(state.Id, change.Grantee, change.Level, change.OccurredAt)),
            RequireReview review when review.Required == state.ReviewRequired =>
                Decision.Reject(new("review-unchanged", $"Space {state.Id} is so already.", ErrorKind.Conflict)),
            RequireReview review => Decision.Accept(new SpaceReviewChanged(state.Id, review.Required, review.OccurredAt)),
            RequireReadConfirmation confirmation when confirmation.Teams.Order(StringComparer.Ordinal).SequenceEqual(state.ConfirmingTeams.Order(StringComparer.Ordinal)) =>
                Decision.Reject(new("read-confirmation-unchanged", $"Space {state.Id} asks these teams already.", ErrorKind.Conflict)),
            RequireReadConfirmation confirmation => Decision.Accept(new SpaceReadConfirmationChanged(state.Id, confirmation.Teams, confirmation.OccurredAt)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a space."),
        };
    }

    public static DomainError NotFound(string id) => new("space-not-found", $"There is no space {id}.", ErrorKind.NotFound);
}
