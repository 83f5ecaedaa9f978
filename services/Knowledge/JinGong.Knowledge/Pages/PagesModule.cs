using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Pages.Reading;
using JinGong.Knowledge.Pages.Writing;
using JinGong.Knowledge.Spaces;
using Marten;

namespace JinGong.Knowledge.Pages;

public static class PagesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Pages",
        "Pages of a space in Markdown: every revision kept, any two compared, any moment read again; moves and renames recorded.");

    public static readonly StreamKind<Page, PageView> Pages =
        new("Page", PageDecider.NotFound, Page.Evolve, PageView.From, e => ((IPageEvent)e).OccurredAt, ReadRefusal: Readers.PageRefusalAsync);

    public static void ConfigurePages(this StoreOptions options)
    {
        // Inline: a space's tree and a page's editors are read in the request after the one that wrote them.
        options.Projections.Add(new EvolvingProjection<Page>(typeof(IPageEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Page>().Duplicate(page => page.SpaceId);
        options.Events.MapEventType<PageCreated>("page_created_v1");
        options.Events.MapEventType<PageRevisionPublished>("page_revision_published_v1");
        options.Events.MapEventType<PageRenamed>("page_renamed_v1");
        options.Events.MapEventType<PageMoved>("page_moved_v1");
        options.Events.MapEventType<PageRevisionRestored>("page_revision_restored_v1");
        options.Events.MapEventType<PageDraftSaved>("page_draft_saved_v1");
        options.Events.MapEventType<PageDraftSubmitted>("page_draft_submitted_v1");
        options.Events.MapEventType<PageDraftApproved>("page_draft_approved_v1");
        options.Events.MapEventType<PageDraftReturned>("page_draft_returned_v1");
        options.Events.MapEventType<PageDraftDiscarded>("page_draft_discarded_v1");
        options.Events.MapEventType<ProposalSent>("proposal_sent_v1");
    }

    public static RouteGroupBuilder MapPages(this RouteGroupBuilder api)
    {
        api.MapGroup("/spaces").WithTag(Tag).MapCreatePage();
        var pages = api.MapGroup("/pages").WithTag(Tag);
        pages.MapPageCommands();
        pages.MapGetPage();
        pages.MapGetDraft();
        pages.MapStreamHistory("/{id}", Pages);
        pages.MapRevisions();
        return api;
    }
}
