using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Spaces.Creating;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Attachments.Removing;

/// <summary>When the attachment was taken off its page (default now).</summary>
public sealed record RemoveAttachmentRequest(DateTimeOffset? OccurredAt) : ICommandRequest;

public static class RemoveAttachmentEndpoint
{
    public static RouteGroupBuilder MapRemoveAttachment(this RouteGroupBuilder attachments)
    {
        attachments.MapPost("/{id}/removal", RemoveAsync)
            .WithName("RemoveAttachment")
            .WithSummary("Take an attachment off its page (the space's editors): it is listed and served no more, its upload stays in the history")
            .HonoursIfMatch()
            .RequireRoles([.. CreateSpaceEndpoint.EditingRoles]);
        return attachments;
    }

    private static async Task<Results<Ok<AttachmentView>, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        string id, RemoveAttachmentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var page = await session.LoadAsync<Attachment>(id, cancellationToken) is { } attachment
            ? await Readers.PageAccessAsync(http, session, attachment.PageId, cancellationToken)
            : null;
        return await session.DecideAsync(AttachmentsModule.Attachments, id, new FieldErrors(), http, state =>
        {
            // Read once the stream is loaded, as the shared command endpoints do.
            var now = clock.GetUtcNow();
            return AttachmentDecider.Decide(new RemoveAttachment(id, page, PageText.Author(http), (request.OccurredAt ?? now).ToUniversalTime(), now), state);
        }, cancellationToken);
    }
}
