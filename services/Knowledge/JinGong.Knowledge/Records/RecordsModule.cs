using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using Marten;

namespace JinGong.Knowledge.Records;

public static class RecordsModule
{
    public static void ConfigureRecords(this StoreOptions options)
    {
        // Inline: a record is read back whole when the next fact about it arrives, and when a solution's trials are counted.
        options.Projections.Add(new EvolvingProjection<LoanRecord>(typeof(LoanOpeningNoted), typeof(LoanUsageNoted), typeof(LoanClosingNoted)), ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<OpportunityRecord>(typeof(OpportunityClosingNoted)), ProjectionLifecycle.Inline);
        options.Schema.For<LoanRecord>().Duplicate(record => record.ConditionId);
        options.Schema.For<OpportunityRecord>().Duplicate(record => record.LastClosedAt);
        options.Events.MapEventType<LoanOpeningNoted>("loan_opening_noted_v1");
        options.Events.MapEventType<LoanUsageNoted>("loan_usage_noted_v1");
        options.Events.MapEventType<LoanClosingNoted>("loan_closing_noted_v1");
        options.Events.MapEventType<OpportunityClosingNoted>("opportunity_closing_noted_v1");
    }
}
