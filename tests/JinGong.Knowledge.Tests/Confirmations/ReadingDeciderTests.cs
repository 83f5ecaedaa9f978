using JinGong.Domain;
using JinGong.Knowledge.Confirmations;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Confirmations;

/// <summary>Reading confirmations [阅读确认] as pure functions: given a person's confirmations, when they confirm a page, then the event or the rule broken.</summary>
public sealed class ReadingDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Published = Now.AddDays(-2);
    private static readonly DeciderSpecification<ConfirmReading, ReadingRecord> Spec = DeciderSpecification.For<ConfirmReading, ReadingRecord>(ReadingDecider.Decide);

    /// <summary>Li Wei confirms revision 2 of the attendance rules, which readers see now, in a space that asks for it.</summary>
    private static readonly ConfirmReading Confirm = new(
        "li.wei", "PAGE-A", 2, new PageToConfirm("SPACE-1", 2, Published, ConfirmationAsked: true), AccessLevel.Read, null, false, Now.AddHours(-1), Now);

    [Fact]
    public void one_confirms_the_revision_readers_see_now_once()
    {
        Spec.When(Confirm).Then(new PageReadConfirmed("li.wei", "PAGE-A", "SPACE-1", 2, null, Now.AddHours(-1)));
        var confirmed = new PageReadConfirmed("li.wei", "PAGE-A", "SPACE-1", 2, null, Now.AddHours(-1));
        Spec.Given(confirmed).When(Confirm).ThenRejects("reading-already-confirmed").Kind.Should().Be(ErrorKind.Conflict);
        Spec.When(Confirm with { Revision = 1 }).ThenRejects("revision-not-current");
        Spec.When(Confirm with { Revision = 3 }).ThenRejects("revision-not-current");

        // A new revision is read again; the record keeps the last confirmed of each page.
        var revised = Confirm with { Revision = 3, Page = Confirm.Page! with { CurrentRevision = 3 } };
        Spec.Given(confirmed).When(revised).Then(new PageReadConfirmed("li.wei", "PAGE-A", "SPACE-1", 3, null, Now.AddHours(-1)));
        var record = Spec.Given(confirmed, new PageReadConfirmed("li.wei", "PAGE-B", "SPACE-1", 1, null, Now), new PageReadConfirmed("li.wei", "PAGE-A", "SPACE-1", 3, null, Now)).State!;
        record.ConfirmedRevisionOf("PAGE-A").Should().Be(3);
        record.ConfirmedRevisionOf("PAGE-B").Should().Be(1);
        record.ConfirmedRevisionOf("PAGE-C").Should().BeNull();
        record.Pages.Should().HaveCount(2);
    }

    [Fact]
    public void a_page_is_confirmed_only_where_it_is_read_asked_for_and_published_and_never_before_it_was_published()
    {
        Spec.When(Confirm with { Access = AccessLevel.None }).ThenRejects("page-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(Confirm with { Page = null }).ThenRejects("page-not-found");
        Spec.When(Confirm with { Page = new PageToConfirm("SPACE-1", null, null, true), Access = AccessLevel.Edit }).ThenRejects("page-not-found");
        Spec.When(Confirm with { Page = Confirm.Page! with { ConfirmationAsked = false } }).ThenRejects("read-confirmation-not-asked");
        Spec.When(Confirm with { OccurredAt = Now.AddMinutes(1) }).ThenRejects("occurred-in-future");
        Spec.When(Confirm with { OccurredAt = Published.AddSeconds(-1) }).ThenRejects("confirmed-before-published");
    }

    [Fact]
    public void only_a_space_administrator_records_a_confirmation_for_someone_on_the_roster()
    {
        var forLiWei = Confirm with { RecordedBy = "wang.fang", OnRoster = true };
        Spec.When(forLiWei with { Access = AccessLevel.Approve }).ThenRejects("not-a-space-administrator").Kind.Should().Be(ErrorKind.Forbidden);
        Spec.When(forLiWei with { Access = AccessLevel.Administer, OnRoster = false }).ThenRejects("person-not-on-roster");
        Spec.When(forLiWei with { Access = AccessLevel.Administer }).Then(new PageReadConfirmed("li.wei", "PAGE-A", "SPACE-1", 2, "wang.fang", Now.AddHours(-1)));
    }
}
