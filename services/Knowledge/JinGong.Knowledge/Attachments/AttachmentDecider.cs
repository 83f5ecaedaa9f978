using JinGong.Domain;
using JinGong.Knowledge.Pages;

namespace JinGong.Knowledge.Attachments;

/// <summary>What someone asks of an attachment, with its business time and the clock's reading.</summary>
public abstract record AttachmentCommand(string AttachmentId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// A file to attach to page <paramref name="PageId"/>, with what was read beside it: the page and the uploader's level in
/// its space (null: there is no such page), the kind its bytes showed (<see cref="FileTypes.Sniff"/>; null: none
/// kept), its length (at least <paramref name="MaxBytes"/> + 1 when the upload was cut off there) and hash.
/// </summary>
public sealed record UploadAttachment(
    string AttachmentId, string PageId, PageAccess? Page, string FileName, FileKind? Sniffed, long Length, long MaxBytes,
    string Sha256, string UploadedBy, DateTimeOffset OccurredAt, DateTimeOffset Now) : AttachmentCommand(AttachmentId, OccurredAt, Now);

/// <summary>The attachment is to come off its page; <paramref name="Page"/> is that page and the caller's level in its space, as read beside the command.</summary>
public sealed record RemoveAttachment(string AttachmentId, PageAccess? Page, string RemovedBy, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : AttachmentCommand(AttachmentId, OccurredAt, Now);

/// <summary>
/// Every rule of an attachment: it goes on a page that exists, by one of the page's editors, not empty and not over the
/// configured size, of a kind kept whose content is what its extension says; it is removed by an editor, once.
/// </summary>
public static class AttachmentDecider
{
    /// <summary>The rule a file over the size limit breaks; HTTP answers it 413 (<see cref="Uploading.UploadAttachmentEndpoint"/>).</summary>
    public const string TooLargeRule = "attachment-too-large";

    public static Decision Decide(AttachmentCommand command, Attachment? state) => command switch
    {
        UploadAttachment upload => Upload(upload, state),
        RemoveAttachment remove => Remove(remove, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on an attachment."),
    };

    private static Decision Upload(UploadAttachment upload, Attachment? state)
    {
        var extension = FileTypes.ExtensionOf(upload.FileName);
        return state is not null ? Decision.Reject(new("attachment-already-uploaded", $"Attachment {upload.AttachmentId} was uploaded already.", ErrorKind.Conflict))
            : upload.Page is not { } page ? Decision.Reject(PageDecider.NotFound(upload.PageId))
            : PageDecider.WriteRefusal(upload.PageId, page) is { } refusal ? Decision.Reject(refusal)
            : upload.OccurredAt > upload.Now ? Decision.Reject(BusinessTime.OccurredInFuture(upload.OccurredAt, upload.Now))
            : upload.Length == 0 ? Decision.Reject(new("attachment-empty", $"The file {upload.FileName} is empty; an attachment has content.", ErrorKind.Unprocessable))
            : FileTypes.IsTooLarge(upload.Length, upload.MaxBytes)
                ? Decision.Reject(new(TooLargeRule, $"An attachment has at most {upload.MaxBytes} bytes.", ErrorKind.Unprocessable))
            : extension is null ? Decision.Reject(new("attachment-extension-not-allowed",
                $"The file {upload.FileName} is not of a kind kept here: {string.Join(", ", FileTypes.Allowed.Select(allowed => allowed.Extension))}.", ErrorKind.Unprocessable))
            : upload.Sniffed is not { } sniffed ? Decision.Reject(new("attachment-type-unknown",
                $"The content of {upload.FileName} is none of the kinds kept here (PDF, images, Office files, UTF-8 text).", ErrorKind.Unprocessable))
            : sniffed != extension.Kind ? Decision.Reject(new("attachment-type-mismatch",
                $"The content of {upload.FileName} is {sniffed}, not what its extension {extension.Extension} says.", ErrorKind.Unprocessable))
            : Decision.Accept(new AttachmentUploaded(
                upload.AttachmentId, upload.PageId, upload.FileName, extension.ContentType, upload.Length, upload.Sha256, upload.UploadedBy, upload.OccurredAt));
    }

    private static Decision Remove(RemoveAttachment remove, Attachment? state) =>
        state is null ? Decision.Reject(NotFound(remove.AttachmentId))
        : remove.Page is not { } page ? Decision.Reject(PageDecider.NotFound(state.PageId))
        : PageDecider.WriteRefusal(state.PageId, page) is { } refusal ? Decision.Reject(refusal)
        : BusinessTime.Check(remove.OccurredAt, remove.Now, state.LastOccurredAt, $"attachment {state.Id}") is { } timeError ? Decision.Reject(timeError)
        : state.Removed ? Decision.Reject(new("attachment-already-removed", $"Attachment {state.Id} was removed already.", ErrorKind.Conflict))
        : Decision.Accept(new AttachmentRemoved(state.Id, state.PageId, remove.RemovedBy, remove.OccurredAt));

    public static DomainError NotFound(string id) => new("attachment-not-found", $"There is no attachment {id}.", ErrorKind.NotFound);
}
