using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Pages;

/// <summary>An event of a page's life. OccurredAt is business time (UTC).</summary>
public interface IPageEvent
{
    string PageId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>A page was put in a space, under <paramref name="ParentId"/> (none: at the top) at <paramref name="Position"/> among its siblings.</summary>
public sealed record PageCreated(string PageId, string SpaceId, string? ParentId, int Position, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>A revision was published: what readers see from now on. Revisions count from 1.</summary>
public sealed record PageRevisionPublished(string PageId, int Revision, string Title, string Body, string Author, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>The page's title changed; its text did not, so no revision is made.</summary>
public sealed record PageRenamed(string PageId, string Title, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>The page went under another parent (none: the top of its space), or to another place among its siblings.</summary>
public sealed record PageMoved(string PageId, string? ParentId, int Position, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>An old revision was published again, as a new revision: the history between them is kept.</summary>
public sealed record PageRevisionRestored(string PageId, int Revision, int RestoredFrom, string Title, string Body, string Author, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>One published text of a page; <see cref="RestoredFrom"/> names the revision it republished, if it did.</summary>
public sealed record Revision(int Number, string Title, string Body, string Author, DateTimeOffset PublishedAt, int? RestoredFrom);

/// <summary>A page [页面] of a space, with every revision it was ever published in.</summary>
public sealed record Page(
    [property: Identity] string Id,
    string SpaceId,
    string? ParentId,
    int Position,
    string Title,
    IReadOnlyList<Revision> Revisions,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Page>
{
    /// <summary>What readers see: the last revision published (none only between the page's creation and its first revision, in one command).</summary>
    public Revision? Current => Revisions.Count == 0 ? null : Revisions[^1];

    public Revision? RevisionNumbered(int number) => number >= 1 && number <= Revisions.Count ? Revisions[number - 1] : null;

    [JasperFxIgnore]
    public static Page? Evolve(Page? state, object @event) => (state, @event) switch
    {
        (_, PageCreated created) => new(created.PageId, created.SpaceId, created.ParentId, created.Position, string.Empty, [], created.OccurredAt, created.OccurredAt),
        (null, IPageEvent) => null,
        (_, PageRevisionPublished published) => state with
        {
            Title = published.Title,
            Revisions = [.. state.Revisions, new Revision(published.Revision, published.Title, published.Body, published.Author, published.OccurredAt, null)],
            LastOccurredAt = published.OccurredAt,
        },
        (_, PageRenamed renamed) => state with { Title = renamed.Title, LastOccurredAt = renamed.OccurredAt },
        (_, PageMoved moved) => state with { ParentId = moved.ParentId, Position = moved.Position, LastOccurredAt = moved.OccurredAt },
        (_, PageRevisionRestored restored) => state with
        {
            Title = restored.Title,
            Revisions = [.. state.Revisions, new Revision(restored.Revision, restored.Title, restored.Body, restored.Author, restored.OccurredAt, restored.RestoredFrom)],
            LastOccurredAt = restored.OccurredAt,
        },
        _ => throw new UnknownEventException(typeof(Page), @event),
    };
}
