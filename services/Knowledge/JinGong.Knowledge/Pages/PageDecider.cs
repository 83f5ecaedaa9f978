using JinGong.Domain;
using JinGong.Knowledge.Scenarios;
using JinGong.Knowledge.Spaces;

namespace JinGong.Knowledge.Pages;

/// <summary>
/// Where a page is to go: its new parent's space and the line of pages from that parent up to the top of the space
/// (parent first), as read beside the command.
/// </summary>
public sealed record ParentLine(string SpaceId, IReadOnlyList<string> Pages);

/// <summary>
/// What the page's space says of a command on it: what the caller may do in it, and whether its revisions are published
/// only once an approver has reviewed them; and the caller's team in OKR's roster (none: in no team), which a solution
/// section's rules ask for.
/// </summary>
public sealed record SpaceTerms(AccessLevel Access, bool ReviewRequired, string? Team = null);

/// <summary>
/// The solution section a new page is to be: <paramref name="Part"/> of the solution for working condition
/// <paramref name="ConditionId"/> of scenario <paramref name="ScenarioId"/>, as read beside the command
/// (<paramref name="Scenario"/> null: there is no such scenario, or the caller may not read it).
/// </summary>
public sealed record SectionClaim(string ScenarioId, string ConditionId, SolutionPart Part, Scenario? Scenario);

/// <summary>
/// What a command on something that hangs on a page (its attachments) needs to know of that page, as read beside it: its
/// space, whether readers see it yet, and the caller's level in its space.
/// </summary>
public sealed record PageAccess(string SpaceId, bool Published, AccessLevel Access);

/// <summary>What someone asks of a page, with what its space says of it (<paramref name="Terms"/>), its business time and the clock's reading.</summary>
public abstract record PageCommand(string PageId, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// The deal a new page is to be the process document of: opportunity <paramref name="OpportunityId"/> as the knowledge
/// base's record of it says (none: not known, or not the caller's to read), and the space of deals of its region the page
/// goes in (none: there is none yet).
/// </summary>
public sealed record DealClaim(string OpportunityId, Records.OpportunityRecord? Opportunity, Spaces.Space? Space);

/// <summary>
/// A page is created with its first revision. <paramref name="Parent"/> is null when the parent asked for was not found;
/// <paramref name="Section"/> says which solution section the page is to be, <paramref name="Deal"/> which deal's process
/// document, if it is to be one.
/// </summary>
public sealed record CreatePage(
    string PageId, string SpaceId, string? ParentId, ParentLine? Parent, int Position, string Title, string Body, string Author,
    SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now, SectionClaim? Section = null, DealClaim? Deal = null) : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>Revision <paramref name="Revision"/> of a deal's process document sent to the customer as the proposal.</summary>
public sealed record SendProposal(string PageId, int Revision, string Recipient, string SentBy, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

public sealed record PublishRevision(string PageId, string Title, string Body, string Author, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

public sealed record RenamePage(string PageId, string Title, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>A move under <paramref name="ParentId"/> (none: the top), whose line <paramref name="Parent"/> was read beside it (null: not found).</summary>
public sealed record MovePage(string PageId, string? ParentId, ParentLine? Parent, int Position, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

public sealed record RestoreRevision(string PageId, int Revision, string Author, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>A version of the text saved as the page's draft, not yet published.</summary>
public sealed record SaveDraft(string PageId, string Title, string Body, string Author, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>The draft's version <paramref name="DraftVersion"/> sent for review.</summary>
public sealed record SubmitDraft(string PageId, int DraftVersion, string SubmittedBy, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>An approver publishes the draft's version <paramref name="DraftVersion"/> they reviewed.</summary>
public sealed record ApproveDraft(string PageId, int DraftVersion, string Approver, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>An approver sends the draft's version <paramref name="DraftVersion"/> back, saying why.</summary>
public sealed record ReturnDraft(string PageId, int DraftVersion, string Reviewer, string Reason, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>An editor publishes the draft's version <paramref name="DraftVersion"/> themselves, in a space that reviews nothing.</summary>
public sealed record PublishDraft(string PageId, int DraftVersion, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

public sealed record DiscardDraft(string PageId, string DiscardedBy, SpaceTerms Terms, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : PageCommand(PageId, Terms, OccurredAt, Now);

/// <summary>
/// Every rule of a page: it is written by those its space lets edit (who may not even read it, or a page not published
/// yet, finds no page); it is created once, in its parent's space; a revision changes something; a page moves only
/// within its space and never under itself; a restored revision is one that exists and is not what readers see already.
/// Review: editors save a draft; where the space reviews its revisions, a draft is submitted and an approver other than
/// its author publishes it (or returns it, saying why), and nothing is published otherwise; elsewhere an editor publishes
/// it. While a draft is pending, nothing is published beside it.
/// </summary>
public static class PageDecider
{
    public static Decision Decide(PageCommand command, Page? state)
    {
        var access = command.Terms.Access;
        if (state is not null && WriteRefusal(state.Id, new PageAccess(state.SpaceId, state.Published, access)) is { } writeRefusal)
        {
            return Decision.Reject(writeRefusal);
        }

        if (state?.Section is { } kept && SectionRefusal(kept, command.Terms) is { } notItsTeam)
        {
            return Decision.Reject(notItsTeam);
        }

        if (command is CreatePage { Section: { Scenario: null } unread })
        {
            return Decision.Reject(ScenarioDecider.NotFound(unread.ScenarioId));
        }

        if (command is CreatePage { Deal: { } deal } && DealRefusal(deal) is { } notThere)
        {
            return Decision.Reject(notThere);
        }

        if (command is CreatePage { Terms.Access: < AccessLevel.Edit } into)
        {
            return Decision.Reject(access == AccessLevel.None ? SpaceDecider.NotFound(into.SpaceId) : NotAnEditor(into.SpaceId));
        }

        if (command is CreatePage create)
        {
            var section = create.Section is { } claim ? Section(claim) : null;
            return state is not null ? Decision.Reject(new("page-already-created", $"Page {create.PageId} was created already.", ErrorKind.Conflict))
                : create.Section is { } claimed && section is null ? Decision.Reject(ScenarioDecider.ConditionNotFound(claimed.ScenarioId, claimed.ConditionId))
                : section is not null && SectionRefusal(section, create.Terms) is { } notTheTeam ? Decision.Reject(notTheTeam)
                : create.OccurredAt > create.Now ? Decision.Reject(BusinessTime.OccurredInFuture(create.OccurredAt, create.Now))
                : ParentRefusal(create.PageId, create.SpaceId, create.ParentId, create.Parent) is { } refusal ? Decision.Reject(refusal)
                : Decision.Accept(
                    new PageCreated(create.PageId, create.SpaceId, create.ParentId, create.Position, create.OccurredAt, section, create.Deal?.OpportunityId),
                    // Where revisions are reviewed, a new page's text is its first draft: readers see it once approved.
                    create.Terms.ReviewRequired
                        ? new PageDraftSaved(create.PageId, 1, create.Title, create.Body, create.Author, create.OccurredAt)
                        : new PageRevisionPublished(create.PageId, 1, create.Title, create.Body, create.Author, create.OccurredAt));
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
        var draft = state.Draft;
        return command switch
        {
            PublishRevision or RestoreRevision when command.Terms.ReviewRequired && access < AccessLevel.Approve => Decision.Reject(ReviewRequired(state.Id)),
            PublishRevision or RestoreRevision when draft is not null => Decision.Reject(new(
                "draft-pending", $"Page {state.Id} has a draft: publish or discard it first, so that no text is lost.", ErrorKind.Conflict)),
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
            SaveDraft save when (draft is not null ? save.Title == draft.Title && save.Body == draft.Body : save.Title == state.Title && save.Body == state.Current?.Body) =>
                Decision.Reject(new("draft-unchanged", $"Page {state.Id}'s draft reads so already.", ErrorKind.Conflict)),
            SaveDraft save => Decision.Accept(new PageDraftSaved(state.Id, (draft?.Version ?? 0) + 1, save.Title, save.Body, save.Author, save.OccurredAt)),
            ApproveDraft or ReturnDraft when access < AccessLevel.Approve => Decision.Reject(new(
                "not-an-approver", $"The drafts of page {state.Id} are reviewed by its space's approvers.", ErrorKind.Forbidden)),
            SubmitDraft or ApproveDraft or ReturnDraft or PublishDraft or DiscardDraft when draft is null => Decision.Reject(DraftNotFound(state.Id)),
            _ when DraftVersionOf(command) is { } version && version != draft!.Version => Decision.Reject(new(
                    "draft-changed", $"Page {state.Id}'s draft is at version {draft.Version}, not {version}: read it again.", ErrorKind.Conflict)),
            SubmitDraft when !command.Terms.ReviewRequired || draft!.Submitted => Decision.Reject(new(
                draft!.Submitted ? "draft-already-submitted" : "review-not-required",
                $"Page {state.Id}'s draft is submitted already, or its space publishes without review.", ErrorKind.Conflict)),
            SubmitDraft submit => Decision.Accept(new PageDraftSubmitted(state.Id, submit.DraftVersion, submit.SubmittedBy, submit.OccurredAt)),
            ApproveDraft or ReturnDraft when !draft!.Submitted => Decision.Reject(new(
                "draft-not-submitted", $"Page {state.Id}'s draft has not been submitted for review.", ErrorKind.Conflict)),
            ApproveDraft approve when approve.Approver == draft!.Author => Decision.Reject(new(
                "own-draft", $"A draft is approved by someone other than its author: four eyes see each revision.", ErrorKind.Unprocessable)),
            ApproveDraft approve => Decision.Accept(
                new PageDraftApproved(state.Id, approve.DraftVersion, approve.Approver, approve.OccurredAt),
                new PageRevisionPublished(state.Id, next, draft!.Title, draft.Body, draft.Author, approve.OccurredAt)),
            ReturnDraft giveBack => Decision.Accept(new PageDraftReturned(state.Id, giveBack.DraftVersion, giveBack.Reviewer, giveBack.Reason, giveBack.OccurredAt)),
            PublishDraft when command.Terms.ReviewRequired => Decision.Reject(ReviewRequired(state.Id)),
            PublishDraft publish => Decision.Accept(new PageRevisionPublished(state.Id, next, draft!.Title, draft.Body, draft.Author, publish.OccurredAt)),
            DiscardDraft discard => Decision.Accept(new PageDraftDiscarded(state.Id, discard.DiscardedBy, discard.OccurredAt)),
            SendProposal when state.Deal is null => Decision.Reject(new(
                "not-a-deal-document", $"Page {state.Id} is no deal's process document: proposals are sent from those.", ErrorKind.Unprocessable)),
            SendProposal send when state.RevisionNumbered(send.Revision) is null => Decision.Reject(RevisionNotFound(state.Id, send.Revision)),
            SendProposal send => Decision.Accept(new ProposalSent(state.Id, send.Revision, send.Recipient, send.SentBy, send.OccurredAt)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on a page."),
        };
    }

    /// <summary>The draft version a command acts on, for those that act on one the caller has read.</summary>
    private static int? DraftVersionOf(PageCommand command) => command switch
    {
        SubmitDraft submit => submit.DraftVersion,
        ApproveDraft approve => approve.DraftVersion,
        ReturnDraft giveBack => giveBack.DraftVersion,
        PublishDraft publish => publish.DraftVersion,
        _ => null,
    };

    /// <summary>
    /// Why a page may not be a deal's process document: the deal is not known (or not the caller's), or its region has no
    /// space of deals to keep it. Null: it may.
    /// </summary>
    private static DomainError? DealRefusal(DealClaim deal) =>
        deal.Opportunity is null ? DealNotFound(deal.OpportunityId)
        : deal.Space is null ? new("no-deals-space", $"Region {deal.Opportunity.Region} has no space of deals to keep opportunity {deal.OpportunityId}'s document in.", ErrorKind.Unprocessable)
        : deal.Space.Kind != Spaces.SpaceKind.Deals || deal.Space.Region != deal.Opportunity.Region ? new(
            "deal-of-another-region", $"Opportunity {deal.OpportunityId}'s document goes in a space of {deal.Opportunity.Region}'s deals.", ErrorKind.Unprocessable)
        : null;

    public static DomainError DealNotFound(string opportunityId) => new("deal-not-found", $"There is no deal of opportunity {opportunityId}.", ErrorKind.NotFound);

    /// <summary>The section a claim makes of a new page: the scenario's team for its part keeps it. Null: no such condition.</summary>
    private static SolutionSection? Section(SectionClaim claim) =>
        claim.Scenario?.ConditionOf(claim.ConditionId) is null ? null : new(claim.ScenarioId, claim.ConditionId, claim.Part, claim.Scenario.Teams.For(claim.Part));

    /// <summary>Why the caller may not write a solution section: among its space's editors, only its team does. Null: they may.</summary>
    private static DomainError? SectionRefusal(SolutionSection section, SpaceTerms terms) =>
        terms.Access >= AccessLevel.Approve || terms.Team == section.Team ? null
        : new("not-the-section-team", $"The {section.Part} section of working condition {section.ConditionId}'s solution is written by team {section.Team} and by the space's approvers.",
            ErrorKind.Forbidden);

    private static DomainError ReviewRequired(string id) => new(
        "review-required", $"Revisions of page {id} are published by its space's approvers: save a draft and submit it.", ErrorKind.Conflict);

    /// <summary>
    /// Why someone may not write page <paramref name="pageId"/>, or what hangs on it: who may not even read it, or a page
    /// not published yet that they may not edit, finds no page; a reader who may not edit is told so. Null: they may.
    /// </summary>
    public static DomainError? WriteRefusal(string pageId, PageAccess page) =>
        page.Access >= AccessLevel.Edit ? null
        : page.Access == AccessLevel.None || !page.Published ? NotFound(pageId)
        : NotAnEditor(page.SpaceId);

    public static DomainError NotAnEditor(string spaceId) => new("not-an-editor", $"The pages of space {spaceId} are written by its editors.", ErrorKind.Forbidden);

    public static DomainError DraftNotFound(string id) => new("draft-not-found", $"Page {id} has no draft.", ErrorKind.NotFound);

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
