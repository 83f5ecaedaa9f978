using JinGong.Domain;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Spaces;

namespace JinGong.Knowledge.Confirmations;

/// <summary>
/// What the page and its space say of a confirmation, as read beside the command: the revision readers see now (none:
/// not published), when it was published, and whether the space asks anyone to confirm reading it.
/// </summary>
public sealed record PageToConfirm(string SpaceId, int? CurrentRevision, DateTimeOffset? PublishedAt, bool ConfirmationAsked);

/// <summary>
/// <paramref name="PersonId"/> confirms having read revision <paramref name="Revision"/> of page <paramref name="PageId"/>, themselves or, from a
/// signed sheet, through <paramref name="RecordedBy"/>. <paramref name="Page"/> is null when there is no such page;
/// <paramref name="Access"/> is the caller's level in its space; <paramref name="OnRoster"/> whether the person confirming
/// is on OKR's roster (asked only of confirmations recorded for someone).
/// </summary>
public sealed record ConfirmReading(
    string PersonId, string PageId, int Revision, PageToConfirm? Page, AccessLevel Access, string? RecordedBy, bool OnRoster, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// Every rule of reading confirmations [阅读确认]: one confirms a page one may read, in a space that asks for it, at the
/// revision readers see now, once per revision, not before it was published nor in the future. A space's administrator
/// may record a confirmation for someone on the roster (from a sheet they signed); nobody else confirms for another.
/// </summary>
public static class ReadingDecider
{
    public static Decision Decide(ConfirmReading command, ReadingRecord? state)
    {
        if (command.Page is not { CurrentRevision: { } current, PublishedAt: { } publishedAt } page || command.Access == AccessLevel.None)
        {
            return Decision.Reject(PageDecider.NotFound(command.PageId));
        }

        if (command.RecordedBy is not null && command.Access < AccessLevel.Administer)
        {
            return Decision.Reject(new("not-a-space-administrator",
                $"One confirms one's own reading; a confirmation for someone else is recorded by an administrator of space {page.SpaceId}.", ErrorKind.Forbidden));
        }

        return command switch
        {
            { RecordedBy: not null, OnRoster: false } => Decision.Reject(new(
                "person-not-on-roster", $"{command.PersonId} is not on the roster: a confirmation is recorded for the company's people.", ErrorKind.Unprocessable)),
            _ when !page.ConfirmationAsked => Decision.Reject(new(
                "read-confirmation-not-asked", $"Space {page.SpaceId} asks nobody to confirm reading its pages.", ErrorKind.Conflict)),
            _ when command.Revision != current => Decision.Reject(new(
                "revision-not-current", $"Page {command.PageId} reads as revision {current} now: read it, and confirm that one.", ErrorKind.Conflict)),
            _ when state?.ConfirmedRevisionOf(command.PageId) == current => Decision.Reject(new(
                "reading-already-confirmed", $"{command.PersonId} has confirmed reading revision {current} of page {command.PageId} already.", ErrorKind.Conflict)),
            _ when command.OccurredAt > command.Now => Decision.Reject(BusinessTime.OccurredInFuture(command.OccurredAt, command.Now)),
            _ when command.OccurredAt < publishedAt => Decision.Reject(new(
                "confirmed-before-published", $"Revision {current} of page {command.PageId} was published at {publishedAt:O}: nobody read it before.", ErrorKind.Unprocessable)),
            _ => Decision.Accept(new PageReadConfirmed(command.PersonId, command.PageId, page.SpaceId, current, command.RecordedBy, command.OccurredAt)),
        };
    }
}
