using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Okr.Records;
using JinGong.Okr.Roster;
using JinGong.Testing;

namespace JinGong.Okr.Tests;

public sealed class ConventionsTests
{
    [Fact]
    public void marten_and_our_reads_fold_every_okr_event_the_same_way()
    {
        AggregateConventions.EventsWithoutApply<Person, IPersonEvent>().Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<Objective, IObjectiveEvent>().Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<KeyResult, IKeyResultEvent>().Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<SaleRecord, IRecordEvent>().Except([nameof(OpportunityClosingNoted)]).Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<OpportunityRecord, IRecordEvent>().Should().Equal(
            nameof(DeliveryNoted), nameof(InvoiceNoted), nameof(OrderCancellationNoted), nameof(OrderNoted), nameof(PaymentNoted));
    }
}
