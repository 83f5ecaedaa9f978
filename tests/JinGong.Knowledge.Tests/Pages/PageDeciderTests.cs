using JinGong.Domain;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Pages;

/// <summary>A page's rules as pure functions: given its events, when a command, then its events or the rule broken.</summary>
public sealed class PageDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private const AccessLevel Edit = AccessLevel.Edit;
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
        Spec.Given(Written).When(new PublishRevision("PAGE-A", "考勤规定", "新", "rep.zhao", AccessLevel.Read, Now, Now)).ThenRejects("not-an-editor")
            .Kind.Should().Be(ErrorKind.Forbidden);
        Spec.Given(Written).When(new RenamePage("PAGE-A", "新", AccessLevel.None, Now, Now)).ThenRejects("page-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "t", "b", "rep.zhao", AccessLevel.Read, Now, Now)).ThenRejects("not-an-editor");
        Spec.When(new CreatePage("PAGE-A", "SPACE-1", null, null, 0, "t", "b", "rep.zhao", AccessLevel.None, Now, Now)).ThenRejects("space-not-found");
        // Approving or administering a space includes editing it.
        Spec.Given(Written).When(new MovePage("PAGE-A", null, null, 4, AccessLevel.Approve, Now, Now)).Then(new PageMoved("PAGE-A", null, 4, Now));
        Spec.Given(Written).When(new RestoreRevision("PAGE-A", 1, "chen.jie", AccessLevel.Administer, Now, Now)).ThenRejects("revision-is-current");
    }
}
