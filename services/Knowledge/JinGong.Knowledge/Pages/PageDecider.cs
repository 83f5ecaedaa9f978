using JinGong.Domain;
using JinGong.Knowledge.Spaces;

namespace JinGong.Knowledge.Pages;

/// <summary>
/// Where a page is to go: its new parent's space and the line of pages from that parent up to the top of the space
/// (parent first), as read beside the command.
/// </summary>
public sealed record ParentLine(string SpaceId, IReadOnlyList<string> Pages);

/// <summary>
/// What someone asks of a page, with what they may do in its space (<paramref name="Access"/>), its business time and the
/// clock's reading.
/// </summary>
public abstract record PageCommand(string PageId, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>A page is created with its first revision. <paramref name="Parent"/> is null when the parent asked for was not found.</summary>
public sealed record CreatePage(
    string PageId, string SpaceId, string? ParentId, ParentLine? Parent, int Position, string Title, string Body, string Author,
    AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now) : PageCommand(PageId, Access, OccurredAt, Now);

public sealed record PublishRevision(string PageId, string Title, string Body, string Author, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Access, OccurredAt, Now);

public sealed record RenamePage(string PageId, string Title, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Access, OccurredAt, Now);

/// <summary>A move under <paramref name="ParentId"/> (none: the top), whose line <paramref name="Parent"/> was read beside it (null: not found).</summary>
public sealed record MovePage(string PageId, string? ParentId, ParentLine? Parent, int Position, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Access, OccurredAt, Now);

public sealed record RestoreRevision(string PageId, int Revision, string Author, AccessLevel Access, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Access, OccurredAt, Now);

/// <summary>
/// Every rule of a page: it is written by those its space lets edit (who may not even read it finds no page); it is
/// created once, in its parent's space; a revision changes something; a page moves only within its space and never
/// under itself; a restored revision is one that exists and is not what readers see already.
/// </summary>
public static class PageDecider
{
    public static Decision Decide(PageCommand command, Page? state)
    {
        if (command.Access < AccessLevel.Edit && (state?.SpaceId ?? (command as CreatePage)?.SpaceId) is { } spaceId)
        {
            return Decision.Reject(command.Access > AccessLevel.None
                ? new("not-an-editor", $"The pages of space {spaceId} are written by its editors.", ErrorKind.Forbidden)
                : state is null ? SpaceDecider.NotFound(spaceId) : NotFound(command.PageId));
        }

        if (command is CreatePage create)
        {
            return state is not null ? Decision.Reject(new("page-already-created", $"Page {create.PageId} was created already.", ErrorKind.Conflict))
                : create.OccurredAt > create.Now ? Decision.Reject(BusinessTime.OccurredInFuture(create.OccurredAt, create.Now))
                : ParentRefusal(create.PageId, create.SpaceId, create.ParentId, create.Parent) is { } refusal ? Decision.Reject(refusal)
                : Decision.Accept(
                    new PageCreated(create.PageId, create.SpaceId, create.ParentId, create.Position, create.OccurredAt),
                    new PageRevisionPublished(create.PageId, 1, create.Title, create.Body, create.Author, create.OccurredAt));
        }

        if (state is null)
        {
            return Decision.Reject(NotFound(command.PageId));
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"page {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        var next = state.Revisions.Count + 1;
        return command switch
        {
            PublishRevision publish when publish.Title == state.Title && publish.Body == state.Current?.Body =>
                Decision.Reject(new("revision-unchanged", $"Page {state.Id} reads so already; a revision changes its title or text.", ErrorKind.Conflict)),
            PublishRevision publish => Decision.Accept(new PageRevisionPublished(state.Id, next, publish.Title, publish.Body, publish.Author, publish.OccurredAt)),
            RenamePage rename when rename.Title == state.Title =>
                Decision.Reject(new("page-already-titled", $"Page {state.Id} is titled so already.", ErrorKind.Conflict)),
            RenamePage rename => Decision.Accept(new PageRenamed(state.Id, rename.Title, rename.OccurredAt)),
            MovePage move when move.ParentId == state.ParentId && move.Position == state.Position =>
                Decision.Reject(new("page-already-there", $"Page {state.Id} is there already.", ErrorKind.Conflict)),
            MovePage move => ParentRefusal(state.Id, state.SpaceId, move.ParentId, move.Parent) is { } refusal
                ? Decision.Reject(refusal)
                : Decision.Accept(new PageMoved(state.Id, move.ParentId, move.Position, move.OccurredAt)),
            RestoreRevision restore => state.RevisionNumbered(restore.Revision) switch
            {
                null => Decision.Reject(RevisionNotFound(state.Id, restore.Revision)),
                var old when old.Title == state.Title && old.Body == state.Current?.Body =>
                    Decision.Reject(new("revision-is-current", $"Page {state.Id} reads as revision {restore.Revision} already.", ErrorKind.Conflict)),
                var old => Decision.Accept(new PageRevisionRestored(state.Id, next, old.Number, old.Title, old.Body, restore.Author, restore.OccurredAt)),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a page."),
        };
    }

    /// <summary>Why a page may not go under <paramref name="parentId"/>: not found, in another space, or the page itself or one of its own.</summary>
    private static DomainError? ParentRefusal(string pageId, string spaceId, string? parentId, ParentLine? parent) =>
        parentId is null ? null
        : parent is null ? new("parent-not-found", $"There is no page {parentId} to put page {pageId} under.", ErrorKind.Unprocessable)
        : parent.SpaceId != spaceId ? new("parent-in-another-space", $"Page {parentId} is in another space; a page moves only within its own.", ErrorKind.Unprocessable)
        : parent.Pages.Contains(pageId) ? new("page-under-itself", $"Page {pageId} cannot go under {parentId}, which is itself or one of its own pages.", ErrorKind.Unprocessable)
        : null;

    public static DomainError NotFound(string id) => new("page-not-found", $"There is no page {id}.", ErrorKind.NotFound);

    public static DomainError RevisionNotFound(string id, int revision) =>
        new("revision-not-found", $"Page {id} has no revision {revision}.", ErrorKind.NotFound);
}
