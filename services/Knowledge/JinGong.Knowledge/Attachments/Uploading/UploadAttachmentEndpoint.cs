using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Http.Languages;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Spaces.Creating;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Attachments.Uploading;

public static class UploadAttachmentEndpoint
{
    public static RouteGroupBuilder MapUploadAttachment(this RouteGroupBuilder pages)
    {
        pages.MapPost("/{id}/attachments", UploadAsync)
            .WithName("UploadAttachment")
            .WithSummary("Attach a file to a page (the space's editors): its bytes as the body, its name in ?fileName=; its type is told from its content and must match the extension")
            .Accepts<Stream>("application/octet-stream", "*/*")
            .AnswersProblem(StatusCodes.Status413PayloadTooLarge, "The file is larger than the configured limit (Knowledge:Attachments:MaxBytes); nothing is stored.")
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
        return pages;
    }

    private static async Task<Results<Created<AttachmentView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string id, HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<AttachmentOptions> options, CancellationToken cancellationToken,
        string? fileName = null, DateTimeOffset? occurredAt = null)
    {
        var errors = new FieldErrors()
            .Required("fileName", fileName, FileTypes.MaxFileNameLength)
            .Check("fileName", fileName is null || FileTypes.IsFileName(fileName), $"A file name is a name alone: no folders (/ or \\), no control characters, not . or ..");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var maxBytes = options.Value.MaxBytes;
        var (content, length) = await ReadAsync(http, maxBytes, cancellationToken);
        var page = await Readers.PageAccessAsync(http, session, id, cancellationToken);
        var (sniffed, sha256) = content is null ? (null, string.Empty) : (FileTypes.Sniff(content), FileTypes.Sha256(content));
        var name = fileName!.Trim();
        var answer = await session.UnderNewIdAsync(http, "ATT", (attempt, attachmentId) =>
        {
            var now = clock.GetUtcNow();
            var command = new UploadAttachment(
                attachmentId, id, page, name, sniffed, length, maxBytes, sha256, PageText.Author(http), (occurredAt ?? now).ToUniversalTime(), now);
            return attempt.StartAsync(AttachmentsModule.Attachments, attachmentId, $"/api/knowledge/attachments/{attachmentId}", http, current =>
            {
                var decision = AttachmentDecider.Decide(command, current);
                if (decision is Domain.Decision.Accepted)
                {
                    // The bytes go in the transaction of the event that names them, or not at all.
                    AttachmentContents.Keep(attempt, sha256, content!);
                }

                return decision;
            }, alreadyThere: null, cancellationToken);
        });
        // The answer's own result (awaited above): a file over the limit is told apart as 413.
        return answer is { Result: ProblemHttpResult { ProblemDetails.Type: Problems.TypeBase + AttachmentDecider.TooLargeRule } tooLarge }
            ? TypedResults.Problem(
                type: tooLarge.ProblemDetails.Type, title: tooLarge.ProblemDetails.Title, detail: tooLarge.ProblemDetails.Detail, statusCode: StatusCodes.Status413PayloadTooLarge)
            : answer;
    }

    /// <summary>
    /// The body, or none when it is over <paramref name="maxBytes"/>: then its length as declared, or as far as it was
    /// read (one byte over the limit), for nothing past the limit is read or kept in memory.
    /// </summary>
    private static async Task<(byte[]? Content, long Length)> ReadAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is { } declared && FileTypes.IsTooLarge(declared, maxBytes))
        {
            return (null, declared);
        }

        // A limit set above the server's default (30 MB) is the one that counts, up to a byte over it.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } serverLimit } limit && serverLimit <= maxBytes)
        {
            limit.MaxRequestBodySize = maxBytes + 1;
        }

        using var body = new MemoryStream();
        var buffer = new byte[81_920];
        while (body.Length <= maxBytes)
        {
            var read = await http.Request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes + 1 - body.Length)), cancellationToken);
            if (read == 0)
            {
                return (body.ToArray(), body.Length);
            }

            body.Write(buffer, 0, read);
        }

        return (null, body.Length);
    }
}
