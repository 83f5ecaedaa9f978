using JinGong.EventSourcing;
using JinGong.Orders.Customers;
using JinGong.Http;
using JinGong.Orders.Opportunities.Filing;
using JinGong.Orders.Opportunities.Reading;
using JinGong.Orders.Opportunities.Staging;
using Marten;

namespace JinGong.Orders.Opportunities;

public static class OpportunitiesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Opportunities",
        "Sales opportunities [商机]: filed by reps, moved through their stages, won or lost, reopened.");

    /// <summary>Opportunity streams, as the shared command handling and reads see them.</summary>
    public static readonly StreamKind<Opportunity, OpportunityView> Opportunities =
        new("Opportunity", OpportunityDecider.NotFound, Opportunity.Evolve, OpportunityView.From, e => ((IOpportunityEvent)e).OccurredAt,
            opportunity => opportunity.Region, opportunity => opportunity.SalesRep);

    public static void ConfigureOpportunities(this StoreOptions options)
    {
        // Inline: the list and the figures read an opportunity in the same transaction that changed it.
        options.Projections.Add(new EvolvingProjection<Opportunity>(typeof(IOpportunityEvent)), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        options.Schema.For<Opportunity>()
            .Duplicate(opportunity => opportunity.Region)
            .Duplicate(opportunity => opportunity.SalesRep)
            .Duplicate(opportunity => opportunity.CustomerId);
        options.Events.MapEventType<OpportunityFiled>("opportunity_filed_v2");
        options.Events.Upcast(new CustomerNamedOnly<OpportunityFiled>("opportunity_filed_v1"));
        options.Events.MapEventType<OpportunityStageChanged>("opportunity_stage_changed_v1");
        options.Events.MapEventType<OpportunityWon>("opportunity_won_v1");
        options.Events.MapEventType<OpportunityLost>("opportunity_lost_v1");
        options.Events.MapEventType<OpportunityReopened>("opportunity_reopened_v1");
        options.Events.MapEventType<OpportunityOrdered>("opportunity_ordered_v1");
    }

    public static RouteGroupBuilder MapOpportunities(this RouteGroupBuilder api)
    {
        var opportunities = api.MapGroup("/opportunities").WithTag(Tag);
        opportunities.MapFileOpportunity();
        opportunities.MapStages();
        opportunities.MapStreamReads("/{id}", Opportunities);
        opportunities.MapListOpportunities();
        return api;
    }
}
