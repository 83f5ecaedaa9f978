using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Attachments;

/// <summary>An event of an attachment's life. OccurredAt is business time (UTC).</summary>
public interface IAttachmentEvent
{
    string AttachmentId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// A file was attached to a page: its name as uploaded, the type its first bytes showed (<see cref="FileTypes"/>), its
/// length and the SHA-256 its content is kept under (the bytes themselves are not in the event: <see cref="AttachmentContents"/>).
/// </summary>
public sealed record AttachmentUploaded(
    string AttachmentId, string PageId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset OccurredAt)
    : IAttachmentEvent;

/// <summary>The attachment was taken off its page: it is listed and served no more.</summary>
public sealed record AttachmentRemoved(string AttachmentId, string PageId, string RemovedBy, DateTimeOffset OccurredAt) : IAttachmentEvent;

/// <summary>A file attached to a page [附件], as its events tell it.</summary>
public sealed record Attachment(
    [property: Identity] string Id,
    string PageId,
    string FileName,
    string ContentType,
    long Length,
    string Sha256,
    string UploadedBy,
    DateTimeOffset UploadedAt,
    DateTimeOffset? RemovedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Attachment>
{
    public bool Removed => RemovedAt is not null;

    /// <summary>Whether a browser may show it in the page (an image), rather than only download it.</summary>
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    [JasperFxIgnore]
    public static Attachment? Evolve(Attachment? state, object @event) => (state, @event) switch
    {
        (_, AttachmentUploaded uploaded) => new(
            uploaded.AttachmentId, uploaded.PageId, uploaded.FileName, uploaded.ContentType, uploaded.Length, uploaded.Sha256, uploaded.UploadedBy,
            uploaded.OccurredAt, null, uploaded.OccurredAt),
        (null, IAttachmentEvent) => null,
        (_, AttachmentRemoved removed) => state with { RemovedAt = removed.OccurredAt, LastOccurredAt = removed.OccurredAt },
        _ => throw new UnknownEventException(typeof(Attachment), @event),
    };
}

/// <summary>An attachment as clients read it, with the stream version it was read at; <c>contentUrl</c> serves its bytes.</summary>
public sealed record AttachmentView(
    string Id, string PageId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset UploadedAt,
    DateTimeOffset? RemovedAt, string ContentUrl, long Version)
{
    public static AttachmentView From(Attachment attachment, long version) => new(
        attachment.Id, attachment.PageId, attachment.FileName, attachment.ContentType, attachment.Length, attachment.Sha256, attachment.UploadedBy,
        attachment.UploadedAt, attachment.RemovedAt, $"/api/knowledge/attachments/{attachment.Id}/content", version);
}
