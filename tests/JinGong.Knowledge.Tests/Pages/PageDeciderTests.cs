using JinGong.Domain;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Records;
using JinGong.Knowledge.Scenarios;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Pages;

/// <summary>A page's rules as pure functions: given its events, when a command, then its events or the rule broken.</summary>
public sealed class PageDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly SpaceTerms Edit = new(AccessLevel.Edit, ReviewRequired: false);
    private static readonly SpaceTerms Reviewed = new(AccessLevel.Edit, ReviewRequired: true);
    private static readonly SpaceTerms Approving = new(AccessLevel.Approve, ReviewRequired: true);
    private static readonly DateTimeOffset Created = Now.AddDays(-10);
    private static readonly DeciderSpecification<PageCommand, Page> Spec = DeciderSpecification.For<PageCommand, Page>(PageDecider.Decide);

    private static readonly object[] Written =
    [
        new PageCreated("PAGE-A", "SPACE-1", null, 0, Created),
        new PageRevisionPublished("PAGE-A", 1, "考勤规定", "九点前打卡。", "li.wei", Created),
    ];

    private static readonly PageRevisionPublished Second = new("PAGE-A", 2, "考勤规定", "九点前打卡。\n迟到三次扣半天。", "wang.fang", Created.AddDays(1));

    [Fact]
    public void a_page_is_created_with_its_first_revision_under_a_parent_of_its_own_space()
    {
        var parent = new ParentLine("SPACE-1", ["PAGE-P", "PAGE-TOP"]);
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", "PAGE-P", parent, 2, "考勤规定", "九点前打卡。", "li.wei", Edit, Created, Now))
            .Then(new PageCreated("PAGE-A", "SPACE-1", "PAGE-P", 2, Created), new PageRevisionPublished("PAGE-A", 1, "考勤规定", "九点前打卡。", "li.wei", Created));
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", "PAGE-P", null, 0, "t", "b", "li.wei", Edit, Now, Now)).ThenRejects("parent-not-found");
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", "PAGE-P", parent with { SpaceId = "SPACE-2" }, 0, "t", "b", "li.wei", Edit, Now, Now)).ThenRejects("parent-in-another-space");
        Spec.Given(Written).When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "t", "b", "li.wei", Edit, Now, Now)).ThenRejects("page-already-created");
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "t", "b", "li.wei", Edit, Now.AddSeconds(1), Now)).ThenRejects("occurred-in-future");
    }

    [Fact]
    public void each_revision_published_is_numbered_after_the_last_and_changes_something()
    {
        Spec.Given(Written).When(new PublishRevision("PAGE-A", "考勤规定", "九点前打卡。\n迟到三次扣半天。", "wang.fang", Edit, Created.AddDays(1), Now)).Then(Second);
        Spec.Given(Written).When(new PublishRevision("PAGE-A", "考勤规定", "九点前打卡。", "wang.fang", Edit, Now, Now)).ThenRejects("revision-unchanged");
        Spec.Given(Written).When(new PublishRevision("PAGE-A", "考勤规定", "新", "wang.fang", Edit, Created.AddDays(-1), Now)).ThenRejects("occurred-before-previous-event");
        Spec.When(new PublishRevision("PAGE-X", "t", "b", "wang.fang", Edit, Now, Now)).ThenRejects("page-not-found").Kind.Should().Be(ErrorKind.NotFound);
    }

    [Fact]
    public void a_rename_changes_the_title_and_no_revision()
    {
        Spec.Given(Written).When(new RenamePage("PAGE-A", "考勤管理规定", Edit, Now, Now)).Then(new PageRenamed("PAGE-A", "考勤管理规定", Now));
        Spec.Given(Written).When(new RenamePage("PAGE-A", "考勤规定", Edit, Now, Now)).ThenRejects("page-already-titled");
        Spec.Given([.. Written, new PageRenamed("PAGE-A", "考勤管理规定", Now)]).State!.Revisions.Should().HaveCount(1);
    }

    [Fact]
    public void a_page_moves_within_its_space_and_never_under_itself_or_its_own()
    {
        Spec.Given(Written).When(new MovePage("PAGE-A", "PAGE-B", new ParentLine("SPACE-1", ["PAGE-B"]), 3, Edit, Now, Now))
            .Then(new PageMoved("PAGE-A", "PAGE-B", 3, Now));
        Spec.Given(Written).When(new MovePage("PAGE-A", null, null, 5, Edit, Now, Now)).Then(new PageMoved("PAGE-A", null, 5, Now));
        Spec.Given(Written).When(new MovePage("PAGE-A", "PAGE-A", new ParentLine("SPACE-1", ["PAGE-A"]), 0, Edit, Now, Now)).ThenRejects("page-under-itself");
        Spec.Given(Written).When(new MovePage("PAGE-A", "PAGE-C", new ParentLine("SPACE-1", ["PAGE-C", "PAGE-B", "PAGE-A"]), 0, Edit, Now, Now)).ThenRejects("page-under-itself");
        Spec.Given(Written).When(new MovePage("PAGE-A", "PAGE-C", new ParentLine("SPACE-2", ["PAGE-C"]), 0, Edit, Now, Now)).ThenRejects("parent-in-another-space");
        Spec.Given(Written).When(new MovePage("PAGE-A", "PAGE-C", null, 0, Edit, Now, Now)).ThenRejects("parent-not-found");
        Spec.Given(Written).When(new MovePage("PAGE-A", null, null, 0, Edit, Now, Now)).ThenRejects("page-already-there");
    }

    [Fact]
    public void restoring_an_old_revision_publishes_it_again_as_a_new_one()
    {
        Spec.Given([.. Written, Second]).When(new RestoreRevision("PAGE-A", 1, "chen.jie", Edit, Now, Now))
            .Then(new PageRevisionRestored("PAGE-A", 3, 1, "考勤规定", "九点前打卡。", "chen.jie", Now));
        var restored = Spec.Given([.. Written, Second, new PageRevisionRestored("PAGE-A", 3, 1, "考勤规定", "九点前打卡。", "chen.jie", Now)]).State!;
        restored.Current.Should().Be(new Revision(3, "考勤规定", "九点前打卡。", "chen.jie", Now, 1));
        restored.Revisions.Select(revision => revision.Number).Should().Equal(1, 2, 3);
        Spec.Given([.. Written, Second]).When(new RestoreRevision("PAGE-A", 2, "chen.jie", Edit, Now, Now)).ThenRejects("revision-is-current");
        Spec.Given([.. Written, Second]).When(new RestoreRevision("PAGE-A", 7, "chen.jie", Edit, Now, Now)).ThenRejects("revision-not-found");
    }

    [Fact]
    public void a_page_is_written_by_those_its_space_lets_edit_and_is_not_there_for_those_it_does_not_let_read()
    {
        Spec.Given(Written).When(new PublishRevision("PAGE-A", "考勤规定", "新", "rep.zhao", new SpaceTerms(AccessLevel.Read, false), Now, Now)).ThenRejects("not-an-editor")
            .Kind.Should().Be(ErrorKind.Forbidden);
        Spec.Given(Written).When(new RenamePage("PAGE-A", "新", new SpaceTerms(AccessLevel.None, false), Now, Now)).ThenRejects("page-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "t", "b", "rep.zhao", new SpaceTerms(AccessLevel.Read, false), Now, Now)).ThenRejects("not-an-editor");
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "t", "b", "rep.zhao", new SpaceTerms(AccessLevel.None, false), Now, Now)).ThenRejects("space-not-found");
        // Approving or administering a space includes editing it.
        Spec.Given(Written).When(new MovePage("PAGE-A", null, null, 4, new SpaceTerms(AccessLevel.Approve, false), Now, Now)).Then(new PageMoved("PAGE-A", null, 4, Now));
        Spec.Given(Written).When(new RestoreRevision("PAGE-A", 1, "chen.jie", new SpaceTerms(AccessLevel.Administer, false), Now, Now)).ThenRejects("revision-is-current");
    }

    [Fact]
    public void where_a_space_reviews_its_revisions_a_new_page_is_a_draft_an_approver_other_than_its_author_publishes()
    {
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "考勤规定", "九点前打卡。", "li.wei", Reviewed, Created, Now))
            .Then(new PageCreated("PAGE-A", "SPACE-1", null, 0, Created), new PageDraftSaved("PAGE-A", 1, "考勤规定", "九点前打卡。", "li.wei", Created));
        object[] drafted = [new PageCreated("PAGE-A", "SPACE-1", null, 0, Created), new PageDraftSaved("PAGE-A", 1, "考勤规定", "九点前打卡。", "li.wei", Created)];
        Spec.Given(drafted).State!.Published.Should().BeFalse("readers see nothing until approved");
        Spec.Given(drafted).When(new RenamePage("PAGE-A", "新", new SpaceTerms(AccessLevel.Read, true), Now, Now)).ThenRejects("page-not-found");

        Spec.Given(drafted).When(new ApproveDraft("PAGE-A", 1, "wang.fang", Approving, Now, Now)).ThenRejects("draft-not-submitted");
        Spec.Given(drafted).When(new PublishDraft("PAGE-A", 1, Reviewed, Now, Now)).ThenRejects("review-required");
        Spec.Given(drafted).When(new SubmitDraft("PAGE-A", 2, "li.wei", Reviewed, Now, Now)).ThenRejects("draft-changed");
        Spec.Given(drafted).When(new SubmitDraft("PAGE-A", 1, "li.wei", Reviewed, Now, Now)).Then(new PageDraftSubmitted("PAGE-A", 1, "li.wei", Now));

        object[] submitted = [.. drafted, new PageDraftSubmitted("PAGE-A", 1, "li.wei", Now)];
        Spec.Given(submitted).When(new ApproveDraft("PAGE-A", 1, "li.wei", Approving, Now, Now)).ThenRejects("own-draft");
        Spec.Given(submitted).When(new ApproveDraft("PAGE-A", 1, "zhou.min", Reviewed, Now, Now)).ThenRejects("not-an-approver").Kind.Should().Be(ErrorKind.Forbidden);
        Spec.Given(submitted).When(new ApproveDraft("PAGE-A", 1, "wang.fang", Approving, Now, Now))
            .Then(new PageDraftApproved("PAGE-A", 1, "wang.fang", Now), new PageRevisionPublished("PAGE-A", 1, "考勤规定", "九点前打卡。", "li.wei", Now));
        var approved = Spec.Given([.. submitted, new PageDraftApproved("PAGE-A", 1, "wang.fang", Now), new PageRevisionPublished("PAGE-A", 1, "考勤规定", "九点前打卡。", "li.wei", Now)]).State!;
        approved.Published.Should().BeTrue();
        approved.Draft.Should().BeNull("the approved draft is the page's revision now");
        approved.Current.Should().Be(new Revision(1, "考勤规定", "九点前打卡。", "li.wei", Now, null, ApprovedBy: "wang.fang"), "the revision names who reviewed it");
    }

    [Fact]
    public void a_returned_draft_says_why_and_goes_back_to_its_authors_and_nothing_is_published_beside_a_pending_draft()
    {
        object[] submitted = [.. Written, new PageDraftSaved("PAGE-A", 1, "考勤规定", "八点半前打卡。", "li.wei", Now), new PageDraftSubmitted("PAGE-A", 1, "li.wei", Now)];
        Spec.Given(submitted).When(new ReturnDraft("PAGE-A", 1, "wang.fang", "与劳动合同不符", Approving, Now, Now))
            .Then(new PageDraftReturned("PAGE-A", 1, "wang.fang", "与劳动合同不符", Now));
        var returned = Spec.Given([.. submitted, new PageDraftReturned("PAGE-A", 1, "wang.fang", "与劳动合同不符", Now)]).State!;
        returned.Draft.Should().Be(new Draft(1, "考勤规定", "八点半前打卡。", "li.wei", Now, false, "与劳动合同不符"));
        returned.Current!.Body.Should().Be("九点前打卡。", "readers still read the last published revision");

        Spec.Given(submitted).When(new SubmitDraft("PAGE-A", 1, "li.wei", Reviewed, Now, Now)).ThenRejects("draft-already-submitted");
        Spec.Given(submitted).When(new PublishRevision("PAGE-A", "考勤规定", "九点前。", "li.wei", Edit, Now, Now)).ThenRejects("draft-pending");
        Spec.Given(submitted).When(new PublishRevision("PAGE-A", "考勤规定", "九点前。", "li.wei", Reviewed, Now, Now)).ThenRejects("review-required");
        Spec.Given(submitted).When(new SaveDraft("PAGE-A", "考勤规定", "八点半前打卡。", "li.wei", Reviewed, Now, Now)).ThenRejects("draft-unchanged");
        Spec.Given(submitted).When(new SaveDraft("PAGE-A", "考勤规定", "八点前打卡。", "li.wei", Reviewed, Now, Now))
            .Then(new PageDraftSaved("PAGE-A", 2, "考勤规定", "八点前打卡。", "li.wei", Now));
        Spec.Given(submitted).When(new DiscardDraft("PAGE-A", "li.wei", Reviewed, Now, Now)).Then(new PageDraftDiscarded("PAGE-A", "li.wei", Now));
        Spec.Given(Written).When(new DiscardDraft("PAGE-A", "li.wei", Reviewed, Now, Now)).ThenRejects("draft-not-found");
    }

    [Fact]
    public void where_nothing_is_reviewed_an_editor_publishes_the_draft_and_saving_what_is_published_is_no_draft()
    {
        object[] drafted = [.. Written, new PageDraftSaved("PAGE-A", 1, "考勤规定", "八点半前打卡。", "li.wei", Now)];
        Spec.Given(drafted).When(new PublishDraft("PAGE-A", 1, Edit, Now, Now)).Then(new PageRevisionPublished("PAGE-A", 2, "考勤规定", "八点半前打卡。", "li.wei", Now));
        Spec.Given(drafted).When(new SubmitDraft("PAGE-A", 1, "li.wei", Edit, Now, Now)).ThenRejects("review-not-required");
        Spec.Given(Written).When(new SaveDraft("PAGE-A", "考勤规定", "九点前打卡。", "li.wei", Edit, Now, Now)).ThenRejects("draft-unchanged");
    }

    [Fact]
    public void a_solution_section_is_written_once_per_part_by_that_parts_team_or_an_approver_and_kept_by_them()
    {
        var scenario = new Scenario("SCN-1", "SPACE-1", "露天煤矿", null, new SolutionTeams("technical", "brand", "marketing"),
            [new WorkingCondition("SCN-1-C1", new ConditionTerms("剥离重载上坡", 3.5m, 8m, 60m, "剥离物", Climate.Cold), [])], Created, Created);
        var brandEditor = Edit with { Team = "brand" };
        CreatePage Write(SpaceTerms terms, Scenario? read = null, string condition = "SCN-1-C1", SolutionPart part = SolutionPart.Brand) =>
            new("SCN-1-C1-brand", "SPACE-1", null, null, 1, "推广方案", "矿区路演。", "zhou.na", terms, Created, Now, new SectionClaim("SCN-1", condition, part, read));
        var section = new SolutionSection("SCN-1", "SCN-1-C1", SolutionPart.Brand, "brand");

        Spec.When(Write(brandEditor, scenario)).Then(
            new PageCreated("SCN-1-C1-brand", "SPACE-1", null, 1, Created, section),
            new PageRevisionPublished("SCN-1-C1-brand", 1, "推广方案", "矿区路演。", "zhou.na", Created));
        Spec.When(Write(Approving, scenario)).Events.Should().HaveCount(2, "an approver writes any section (a reviewed space makes it a draft)");
        Spec.When(Write(Edit with { Team = "technical" }, scenario)).ThenRejects("not-the-section-team").Kind.Should().Be(ErrorKind.Forbidden);
        Spec.When(Write(brandEditor)).ThenRejects("scenario-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(Write(brandEditor, scenario, condition: "SCN-1-C9")).ThenRejects("condition-not-found");
        Spec.When(Write(new SpaceTerms(AccessLevel.Read, false, "brand"), scenario)).ThenRejects("not-an-editor");

        object[] written = [new PageCreated("SCN-1-C1-brand", "SPACE-1", null, 1, Created, section), new PageRevisionPublished("SCN-1-C1-brand", 1, "推广方案", "矿区路演。", "zhou.na", Created)];
        Spec.Given(written).When(Write(brandEditor, scenario)).ThenRejects("page-already-created");
        Spec.Given(written).When(new PublishRevision("SCN-1-C1-brand", "推广方案", "矿区路演与短视频。", "zhou.na", brandEditor, Now, Now)).Events.Should().ContainSingle();
        Spec.Given(written).When(new PublishRevision("SCN-1-C1-brand", "推广方案", "改。", "chen.li", Edit with { Team = "technical" }, Now, Now))
            .ThenRejects("not-the-section-team");
        Spec.Given(written).When(new RenamePage("SCN-1-C1-brand", "新", Edit, Now, Now)).ThenRejects("not-the-section-team");
        Spec.Given(written).When(new PublishRevision("SCN-1-C1-brand", "推广方案", "审批人改。", "boss", Approving with { ReviewRequired = false }, Now, Now)).Events.Should().ContainSingle();
    }

    [Fact]
    public void a_deals_process_document_goes_in_the_space_of_its_regions_deals_and_proposals_pin_a_revision_it_has()
    {
        var opportunity = new OpportunityRecord("opportunity:OPP-1", "OPP-1", "紫金矿业", "west", ["MT-90E"], [], [], Created);
        var deals = new Space("SPACE-W", "西区商机文档", SpaceKind.Deals, null, [], false, [], Created, Created) { Region = "west" };
        CreatePage Open(OpportunityRecord? known, Space? space) =>
            new("deal-OPP-1", "SPACE-W", null, null, 0, "紫金矿业 · OPP-1", "## 客户需求", "rep.li", Edit, Created, Now, Deal: new DealClaim("OPP-1", known, space));

        Spec.When(Open(opportunity, deals)).Then(
            new PageCreated("deal-OPP-1", "SPACE-W", null, 0, Created, DealOf: "OPP-1"),
            new PageRevisionPublished("deal-OPP-1", 1, "紫金矿业 · OPP-1", "## 客户需求", "rep.li", Created));
        Spec.When(Open(null, deals)).ThenRejects("deal-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(Open(opportunity, null)).ThenRejects("no-deals-space");
        Spec.When(Open(opportunity, deals with { Region = "east" })).ThenRejects("deal-of-another-region");
        Spec.When(Open(opportunity, deals with { Kind = SpaceKind.Rules })).ThenRejects("deal-of-another-region");

        object[] opened = [new PageCreated("deal-OPP-1", "SPACE-W", null, 0, Created, DealOf: "OPP-1"), new PageRevisionPublished("deal-OPP-1", 1, "紫金矿业 · OPP-1", "报价 300 万", "rep.li", Created)];
        Spec.Given(opened).When(new SendProposal("deal-OPP-1", 1, "紫金矿业 采购部", "rep.li", Edit, Now, Now))
            .Then(new ProposalSent("deal-OPP-1", 1, "紫金矿业 采购部", "rep.li", Now));
        Spec.Given(opened).When(new SendProposal("deal-OPP-1", 2, "紫金矿业", "rep.li", Edit, Now, Now)).ThenRejects("revision-not-found");
        Spec.Given(Written).When(new SendProposal("PAGE-A", 1, "紫金矿业", "rep.li", Edit, Now, Now)).ThenRejects("not-a-deal-document");
        Spec.Given(opened).When(new SendProposal("deal-OPP-1", 1, "紫金矿业", "rep.zhao", new SpaceTerms(AccessLevel.Read, false), Now, Now)).ThenRejects("not-an-editor");
        Spec.Given([.. opened, new ProposalSent("deal-OPP-1", 1, "紫金矿业", "rep.li", Now)]).State!.Proposals.Should().Equal(new Proposal(1, "紫金矿业", "rep.li", Now));
    }
}
