using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Attachments.Reading;
using JinGong.Knowledge.Attachments.Removing;
using JinGong.Knowledge.Attachments.Uploading;
using JinGong.Knowledge.Spaces;
using Marten;

namespace JinGong.Knowledge.Attachments;

/// <summary>How big an attachment may be (<c>Knowledge:Attachments</c> in the settings).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Knowledge:Attachments";

    /// <summary>The largest file taken, in bytes (default 20 MB): a larger one is a 413 and nothing is stored.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

public static class AttachmentsModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Attachments",
        "Files attached to pages (PDF, images, spreadsheets, Word): their type told from their content, kept once per content hash, uploads and removals recorded.");

    public static readonly StreamKind<Attachment, AttachmentView> Attachments =
        new("Attachment", AttachmentDecider.NotFound, Attachment.Evolve, AttachmentView.From, e => ((IAttachmentEvent)e).OccurredAt,
            // An attachment is read by those who may read its page.
            ReadRefusal: async (http, session, attachment, cancellationToken) =>
                await Readers.PageRefusalAsync(http, session, attachment.PageId, cancellationToken) is null ? null : AttachmentDecider.NotFound(attachment.Id));

    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection(AttachmentOptions.Section));
        return builder;
    }

    public static void ConfigureAttachments(this StoreOptions options)
    {
        // Inline: a page lists its attachments, and a removed one stops being served, in the request after the one that wrote it.
        options.Projections.Add(new EvolvingProjection<Attachment>(typeof(IAttachmentEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Attachment>().Duplicate(attachment => attachment.PageId);
        options.Events.MapEventType<AttachmentUploaded>("attachment_uploaded_v1");
        options.Events.MapEventType<AttachmentRemoved>("attachment_removed_v1");
        AttachmentContents.Declare(options);
    }

    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        var pages = api.MapGroup("/pages").WithTag(Tag);
        pages.MapUploadAttachment();
        pages.MapListAttachments();
        var attachments = api.MapGroup("/attachments").WithTag(Tag);
        attachments.MapStreamReads("/{id}", Attachments);
        attachments.MapAttachmentContent();
        attachments.MapRemoveAttachment();
        return api;
    }
}
