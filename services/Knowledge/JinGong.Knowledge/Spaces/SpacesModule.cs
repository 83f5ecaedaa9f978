using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Spaces.Access;
using JinGong.Knowledge.Spaces.Creating;
using JinGong.Knowledge.Spaces.Reading;
using Marten;

namespace JinGong.Knowledge.Spaces;

public static class SpacesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Spaces",
        "The knowledge base's spaces [知识库]: company rules, product materials, marketing toolkits and industry news, each a tree of pages.");

    public static readonly StreamKind<Space, SpaceView> Spaces =
        new("Space", SpaceDecider.NotFound, Space.Evolve, SpaceView.From, e => ((ISpaceEvent)e).OccurredAt, ReadRefusal: Readers.SpaceRefusalAsync);

    public static void ConfigureSpaces(this StoreOptions options)
    {
        // Inline: a space's grants are read by every request that reads or writes its pages.
        options.Projections.Add(new EvolvingProjection<Space>(typeof(ISpaceEvent)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<SpaceCreated>("space_created_v1");
        options.Events.MapEventType<SpaceAccessChanged>("space_access_changed_v1");
        options.Events.MapEventType<SpaceReviewChanged>("space_review_changed_v1");
        options.Events.MapEventType<SpaceReadConfirmationChanged>("space_read_confirmation_changed_v1");
    }

    public static RouteGroupBuilder MapSpaces(this RouteGroupBuilder api)
    {
        var spaces = api.MapGroup("/spaces").WithTag(Tag);
        spaces.MapCreateSpace();
        spaces.MapChangeSpaceAccess();
        spaces.MapRequireReview();
        spaces.MapRequireReadConfirmation();
        spaces.MapStreamReads("/{id}", Spaces);
        spaces.MapSpaceTree();
        spaces.MapListSpaces();
        return api;
    }
}
