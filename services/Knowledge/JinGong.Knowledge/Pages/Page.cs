using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Knowledge.Scenarios;

namespace JinGong.Knowledge.Pages;

/// <summary>An event of a page's life. OccurredAt is business time (UTC).</summary>
public interface IPageEvent
{
    string PageId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// A page was put in a space, under <paramref name="ParentId"/> (none: at the top) at <paramref name="Position"/> among its
/// siblings; as <paramref name="Section"/> of a working condition's solution, or as the process document of opportunity
/// <paramref name="DealOf"/>, if it is one.
/// </summary>
public sealed record PageCreated(
    string PageId, string SpaceId, string? ParentId, int Position, DateTimeOffset OccurredAt, SolutionSection? Section = null, string? DealOf = null) : IPageEvent;

/// <summary>
/// Revision <paramref name="Revision"/> of a deal's process document was sent to the customer as the proposal, to
/// <paramref name="Recipient"/>: what was promised is that text, however the page reads later.
/// </summary>
public sealed record ProposalSent(string PageId, int Revision, string Recipient, string SentBy, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>A proposal sent: the revision pinned, to whom, by whom and when.</summary>
public sealed record Proposal(int Revision, string Recipient, string SentBy, DateTimeOffset SentAt);

/// <summary>
/// A page that is one section of a working condition's solution [场景化方案]: <paramref name="Part"/> of the solution for
/// condition <paramref name="ConditionId"/> of scenario <paramref name="ScenarioId"/>, kept by <paramref name="Team"/>
/// (the scenario's team for that part, from OKR's roster) and by the space's approvers.
/// </summary>
public sealed record SolutionSection(string ScenarioId, string ConditionId, SolutionPart Part, string Team)
{
    /// <summary>A condition has one page per part, under an id of its own: <c>{conditionId}-technical</c>, …</summary>
    public static string PageIdOf(string conditionId, SolutionPart part) => $"{conditionId}-{part.ToString().ToLowerInvariant()}";
}

/// <summary>A revision was published: what readers see from now on. Revisions count from 1.</summary>
public sealed record PageRevisionPublished(string PageId, int Revision, string Title, string Body, string Author, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>The page's title changed; its text did not, so no revision is made.</summary>
public sealed record PageRenamed(string PageId, string Title, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>The page went under another parent (none: the top of its space), or to another place among its siblings.</summary>
public sealed record PageMoved(string PageId, string? ParentId, int Position, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>An old revision was published again, as a new revision: the history between them is kept.</summary>
public sealed record PageRevisionRestored(string PageId, int Revision, int RestoredFrom, string Title, string Body, string Author, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>A draft version was saved by an editor: the text the page will read once published (autosave in the editor makes no event).</summary>
public sealed record PageDraftSaved(string PageId, int DraftVersion, string Title, string Body, string Author, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>The draft's version <paramref name="DraftVersion"/> was sent for review, in a space whose revisions an approver publishes.</summary>
public sealed record PageDraftSubmitted(string PageId, int DraftVersion, string SubmittedBy, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>An approver accepted the draft's version <paramref name="DraftVersion"/>; the revision it makes is published beside this event.</summary>
public sealed record PageDraftApproved(string PageId, int DraftVersion, string Approver, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>An approver sent the draft back to its authors with <paramref name="Reason"/>; it is a draft again, unsubmitted.</summary>
public sealed record PageDraftReturned(string PageId, int DraftVersion, string Reviewer, string Reason, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>The draft was thrown away; the page reads as its last revision.</summary>
public sealed record PageDraftDiscarded(string PageId, string DiscardedBy, DateTimeOffset OccurredAt) : IPageEvent;

/// <summary>
/// What the page's editors are working on: a version of the text not yet published, whether it awaits review, and who
/// approved it (in the moment between its approval and the revision published beside it).
/// </summary>
public sealed record Draft(int Version, string Title, string Body, string Author, DateTimeOffset SavedAt, bool Submitted, string? ReturnedBecause, string? ApprovedBy = null);

/// <summary>
/// One published text of a page; <see cref="RestoredFrom"/> names the revision it republished, if it did, and
/// <see cref="ApprovedBy"/> the approver who reviewed it, where its space reviews revisions.
/// </summary>
public sealed record Revision(int Number, string Title, string Body, string Author, DateTimeOffset PublishedAt, int? RestoredFrom, string? ApprovedBy = null);

/// <summary>A page [页面] of a space, with every revision it was ever published in.</summary>
public sealed record Page(
    [property: Identity] string Id,
    string SpaceId,
    string? ParentId,
    int Position,
    string Title,
    IReadOnlyList<Revision> Revisions,
    Draft? Draft,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Page>
{
    /// <summary>The solution section the page is, if it is one: only its team writes it, beside the space's approvers.</summary>
    public SolutionSection? Section { get; init; }

    /// <summary>The opportunity whose process document the page is, if it is one.</summary>
    public string? Deal { get; init; }

    /// <summary>The proposals sent from the page, oldest first, each pinning the revision that was sent.</summary>
    public IReadOnlyList<Proposal> Proposals { get; init; } = [];

    /// <summary>Whether readers see anything yet: a page written in a space that reviews its revisions waits for the first approval.</summary>
    public bool Published => Revisions.Count > 0;

    /// <summary>What readers see: the last revision published (none until the first is).</summary>
    public Revision? Current => Revisions.Count == 0 ? null : Revisions[^1];

    public Revision? RevisionNumbered(int number) => number >= 1 && number <= Revisions.Count ? Revisions[number - 1] : null;

    [JasperFxIgnore]
    public static Page? Evolve(Page? state, object @event) => (state, @event) switch
    {
        (_, PageCreated created) => new(created.PageId, created.SpaceId, created.ParentId, created.Position, string.Empty, [], null, created.OccurredAt, created.OccurredAt)
        {
            Section = created.Section,
            Deal = created.DealOf,
        },
        (null, IPageEvent) => null,
        (_, PageRevisionPublished published) => state with
        {
            Title = published.Title,
            Revisions = [.. state.Revisions, new Revision(published.Revision, published.Title, published.Body, published.Author, published.OccurredAt, null, state.Draft?.ApprovedBy)],
            // A revision is published from the draft when there is one (the decider sees to it), which it ends.
            Draft = null,
            LastOccurredAt = published.OccurredAt,
        },
        (_, PageDraftSaved saved) => state with
        {
            // Until its first revision a page is known to its editors by its draft's title.
            Title = state.Published ? state.Title : saved.Title,
            Draft = new Draft(saved.DraftVersion, saved.Title, saved.Body, saved.Author, saved.OccurredAt, false, null),
            LastOccurredAt = saved.OccurredAt,
        },
        (_, PageDraftSubmitted submitted) => state with { Draft = state.Draft! with { Submitted = true, ReturnedBecause = null }, LastOccurredAt = submitted.OccurredAt },
        (_, PageDraftApproved approved) => state with { Draft = state.Draft! with { ApprovedBy = approved.Approver }, LastOccurredAt = approved.OccurredAt },
        (_, PageDraftReturned returned) => state with { Draft = state.Draft! with { Submitted = false, ReturnedBecause = returned.Reason }, LastOccurredAt = returned.OccurredAt },
        (_, PageDraftDiscarded discarded) => state with
        {
            Title = state.Published ? state.Title : string.Empty,
            Draft = null,
            LastOccurredAt = discarded.OccurredAt,
        },
        (_, ProposalSent sent) => state with { Proposals = [.. state.Proposals, new(sent.Revision, sent.Recipient, sent.SentBy, sent.OccurredAt)], LastOccurredAt = sent.OccurredAt },
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
