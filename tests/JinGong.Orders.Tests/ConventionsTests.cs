using JinGong.Orders.Catalogue;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using JinGong.Testing;
using Marten;

namespace JinGong.Orders.Tests;

public sealed class ConventionsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static void Configure(StoreOptions options)
    {
        options.ConfigureCatalogue();
        options.ConfigureOrders();
        options.ConfigureOpportunities();
    }

    [Fact]
    public void every_catalogue_order_and_opportunity_event_is_folded_by_its_own_evolve()
    {
        AggregateConventions.EventsNoProjectionFolds(Configure).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Order.Evolve(null, new OrderPlaced("O-1", null, "CUS-1", "C", "east", "rep", "site", [], "CNY", At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Opportunity.Evolve(null, new OpportunityFiled("P-1", "CUS-1", "C", "east", "rep", [], 1m, new DateOnly(2030, 1, 1), At))!)
            .Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, CatalogueModel.Evolve(null, new ModelListed("M-1", "loader", "M", new Dictionary<string, string>(), At))!)
            .Should().BeEmpty();
    }

    [Fact]
    public void every_stored_event_name_carries_its_version()
    {
        AggregateConventions.EventsWithoutVersionInName(Configure).Should().BeEmpty();
    }
}
