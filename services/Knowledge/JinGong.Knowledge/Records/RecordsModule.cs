using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using Marten;

namespace JinGong.Knowledge.Records;

public static class RecordsModule
{
    /// <summary>The events a loan's record is folded from.</summary>
    public static readonly Type[] LoanEvents = [typeof(LoanOpeningNoted), typeof(LoanUsageNoted), typeof(LoanClosingNoted)];

    /// <summary>The events an opportunity's record is folded from.</summary>
    public static readonly Type[] OpportunityEvents =
        [typeof(OpportunityFiledNoted), typeof(OpportunityStageNoted), typeof(OpportunityClosingNoted), typeof(OpportunityReopenedNoted)];

    public static void ConfigureRecords(this StoreOptions options)
    {
        // Inline: a record is read back whole when the next fact about it arrives, and when a solution's trials are counted.
        options.Projections.Add(new EvolvingProjection<LoanRecord>(LoanEvents), ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<OpportunityRecord>(OpportunityEvents), ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<OrderRecord>(typeof(OrderPlacedNoted), typeof(OrderStepNoted)), ProjectionLifecycle.Inline);
        options.Schema.For<LoanRecord>().Duplicate(record => record.ConditionId);
        options.Schema.For<OpportunityRecord>().Duplicate(record => record.LastOutcomeAt);
        options.Schema.For<OrderRecord>().Duplicate(record => record.OpportunityId);
        options.Events.MapEventType<LoanOpeningNoted>("loan_opening_noted_v1");
        options.Events.MapEventType<LoanUsageNoted>("loan_usage_noted_v1");
        options.Events.MapEventType<LoanClosingNoted>("loan_closing_noted_v1");
        options.Events.MapEventType<OpportunityFiledNoted>("opportunity_filed_noted_v1");
        options.Events.MapEventType<OpportunityStageNoted>("opportunity_stage_noted_v1");
        options.Events.MapEventType<OpportunityClosingNoted>("opportunity_closing_noted_v1");
        options.Events.MapEventType<OpportunityReopenedNoted>("opportunity_reopened_noted_v1");
        options.Events.MapEventType<OrderPlacedNoted>("order_placed_noted_v1");
        options.Events.MapEventType<OrderStepNoted>("order_step_noted_v1");
    }
}
