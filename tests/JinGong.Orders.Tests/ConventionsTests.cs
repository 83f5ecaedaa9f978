using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using JinGong.Testing;

namespace JinGong.Orders.Tests;

public sealed class ConventionsTests
{
    [Fact]
    public void marten_and_our_reads_fold_every_order_and_opportunity_event_the_same_way()
    {
        AggregateConventions.EventsWithoutApply<Order, IOrderEvent>().Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<Opportunity, IOpportunityEvent>().Should().BeEmpty();
    }
}
