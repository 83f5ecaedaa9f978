using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Pages.Reading;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace JinGong.Knowledge.Attachments.Reading;

public static class AttachmentReadEndpoints
{
    /// <summary>
    /// What a served file may do in a browser: nothing. No script, no style, no frame, no plugin, not even for an image
    /// opened on its own (an SVG is never kept, but a browser that ignores nosniff must still get nothing to run).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    public static RouteGroupBuilder MapListAttachments(this RouteGroupBuilder pages)
    {
        pages.MapGet("/{id}/attachments", ListAsync)
            .WithName("ListPageAttachments")
            .WithSummary("The files attached to a page (not those removed), the first uploaded first, a page at a time");
        return pages;
    }

    public static RouteGroupBuilder MapAttachmentContent(this RouteGroupBuilder attachments)
    {
        attachments.MapGet("/{id}/content", ContentAsync)
            .WithName("GetAttachmentContent")
            .WithSummary("An attachment's bytes, as a download (Content-Disposition: attachment), or for an image shown in the page with ?inline=true")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream");
        return attachments;
    }

    private static Task<Results<Ok<JinGong.Http.Page<AttachmentView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken, int page = 1, int pageSize = JinGong.Http.Page.DefaultSize) =>
        PageLists.OfPageAsync(http, session, id, page, pageSize, () => session.Query<Attachment>()
            .Where(attachment => attachment.PageId == id && attachment.RemovedAt == null)
            .OrderBy(attachment => attachment.UploadedAt).ThenBy(attachment => attachment.Id)
            .PageAsync(session, AttachmentsModule.Attachments, attachment => attachment.Id, page, pageSize, cancellationToken), cancellationToken);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ContentAsync(
        string id, HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken cancellationToken, bool inline = false)
    {
        // A removed attachment is as gone to readers as one never uploaded; its upload stays in its history.
        if (await session.LoadAsync<Attachment>(id, cancellationToken) is not { Removed: false } attachment
            || await Readers.PageRefusalAsync(http, session, attachment.PageId, cancellationToken) is not null
            || await AttachmentContents.ReadAsync(dataSource, session.DocumentStore, attachment.Sha256, cancellationToken) is not { } content)
        {
            return Problems.From(AttachmentDecider.NotFound(id));
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var disposition = new ContentDispositionHeaderValue(inline && attachment.IsImage ? "inline" : "attachment");
        // RFC 6266: an ASCII filename for old clients and filename* (RFC 8187, UTF-8) with the name as uploaded, Chinese and all.
        disposition.SetHttpFileName(attachment.FileName);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(content, attachment.ContentType);
    }
}
