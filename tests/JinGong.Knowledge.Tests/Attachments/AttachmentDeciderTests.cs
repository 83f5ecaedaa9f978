using JinGong.Domain;
using JinGong.Knowledge.Attachments;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Attachments;

/// <summary>An attachment's rules as pure functions: given its events, when a command, then its events or the rule broken.</summary>
public sealed class AttachmentDeciderTests
{
    private const long Limit = 1_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DeciderSpecification<AttachmentCommand, Attachment> Spec =
        DeciderSpecification.For<AttachmentCommand, Attachment>(AttachmentDecider.Decide);

    private static readonly PageAccess Editing = new("SPACE-1", Published: true, AccessLevel.Edit);

    private static readonly UploadAttachment Upload = new(
        "ATT-1", "PAGE-A", Editing, "现场安全规范.pdf", FileKind.Pdf, 300, Limit, "ab12", "li.wei", Now.AddHours(-1), Now);

    private static readonly AttachmentUploaded Uploaded = new("ATT-1", "PAGE-A", "现场安全规范.pdf", "application/pdf", 300, "ab12", "li.wei", Now.AddHours(-1));

    [Fact]
    public void a_file_whose_content_is_what_its_extension_says_is_attached_to_a_page_by_its_editor() =>
        Spec.When(Upload).Then(Uploaded);

    [Fact]
    public void an_upload_goes_on_a_page_that_exists_by_one_of_its_editors_once()
    {
        Spec.When(Upload with { Page = null }).ThenRejects("page-not-found").Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(Upload with { Page = Editing with { Access = AccessLevel.Read } }).ThenRejects("not-an-editor").Kind.Should().Be(ErrorKind.Forbidden);
        Spec.When(Upload with { Page = Editing with { Access = AccessLevel.None } }).ThenRejects("page-not-found");
        Spec.When(Upload with { Page = new PageAccess("SPACE-1", Published: false, AccessLevel.Read) }).ThenRejects("page-not-found");
        Spec.When(Upload with { Page = new PageAccess("SPACE-1", Published: false, AccessLevel.Edit) }).Then(Uploaded);
        Spec.Given(Uploaded).When(Upload).ThenRejects("attachment-already-uploaded");
        Spec.When(Upload with { OccurredAt = Now.AddSeconds(1) }).ThenRejects("occurred-in-future");
    }

    [Fact]
    public void a_file_is_neither_empty_nor_over_the_limit()
    {
        Spec.When(Upload with { Length = 0 }).ThenRejects("attachment-empty");
        Spec.When(Upload with { Length = Limit + 1, Sniffed = null }).ThenRejects(AttachmentDecider.TooLargeRule);
        Spec.When(Upload with { Length = Limit }).Then(Uploaded with { Length = Limit });
    }

    [Fact]
    public void a_file_is_of_a_kind_kept_and_its_content_is_what_its_extension_says()
    {
        Spec.When(Upload with { FileName = "setup.exe" }).ThenRejects("attachment-extension-not-allowed");
        Spec.When(Upload with { FileName = "logo.svg", Sniffed = FileKind.Utf8Text }).ThenRejects("attachment-extension-not-allowed");
        Spec.When(Upload with { Sniffed = null }).ThenRejects("attachment-type-unknown");
        Spec.When(Upload with { FileName = "报价.xlsx", Sniffed = FileKind.Pdf }).ThenRejects("attachment-type-mismatch");
        Spec.When(Upload with { FileName = "照片.png", Sniffed = FileKind.Jpeg }).ThenRejects("attachment-type-mismatch");
        Spec.When(Upload with { FileName = "旧报价.xls", Sniffed = FileKind.OleCompound }).Then(Uploaded with { FileName = "旧报价.xls", ContentType = "application/vnd.ms-excel" });
        Spec.When(Upload with { FileName = "试用数据.csv", Sniffed = FileKind.Utf8Text }).Then(Uploaded with { FileName = "试用数据.csv", ContentType = "text/csv; charset=utf-8" });
    }

    [Fact]
    public void an_attachment_is_removed_by_an_editor_once_and_is_then_gone()
    {
        Spec.Given(Uploaded).When(new RemoveAttachment("ATT-1", Editing, "wang.fang", Now, Now)).Then(new AttachmentRemoved("ATT-1", "PAGE-A", "wang.fang", Now));
        Spec.Given(Uploaded, new AttachmentRemoved("ATT-1", "PAGE-A", "wang.fang", Now)).State!.Removed.Should().BeTrue();
        Spec.Given(Uploaded, new AttachmentRemoved("ATT-1", "PAGE-A", "wang.fang", Now)).When(new RemoveAttachment("ATT-1", Editing, "wang.fang", Now, Now))
            .ThenRejects("attachment-already-removed").Kind.Should().Be(ErrorKind.Conflict);
        Spec.Given(Uploaded).When(new RemoveAttachment("ATT-1", Editing with { Access = AccessLevel.Read }, "rep.zhao", Now, Now)).ThenRejects("not-an-editor");
        Spec.Given(Uploaded).When(new RemoveAttachment("ATT-1", Editing, "wang.fang", Now.AddHours(-2), Now)).ThenRejects("occurred-before-previous-event");
        Spec.When(new RemoveAttachment("ATT-9", Editing, "wang.fang", Now, Now)).ThenRejects("attachment-not-found").Kind.Should().Be(ErrorKind.NotFound);
    }
}
